// A JSON literal that cannot end the <script> it sits in.
const lit = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/**
 * The requests the page's code makes first (its config, the trust bundle), started by the HTML
 * while the code is still downloading: on a slow link each is a round trip the page would
 * otherwise wait for after its code has run. The code takes them with takeEarlyFetch (@lp/web-kit).
 * A failure is kept for the code to see (it falls back as offline), not reported as unhandled.
 */
export function renderEarlyFetches(paths: readonly string[], messages?: EarlyMessages): string {
  const calls = paths.map((p) => `${lit(p)}:fetch(${lit(p)},{cache:"no-cache"})`).join(',');
  return `<script>self.lpEarly={${calls}};${messages ? earlyMessages(messages) : ''}for(const k in self.lpEarly)self.lpEarly[k].catch(()=>{})</script>`;
}

/** Where the page's messages are and which language it will show: setupI18n's choice, in the HTML. */
export interface EarlyMessages { base: string; codes: readonly string[]; storageKey: string }

/**
 * The message file of the language the page is about to show, when not English (which its code
 * carries): the URL's `?lang=`, else the saved choice, else the first of navigator.languages that the page has, with
 * fa-AF read as Dari — the rule of detectLanguage (languages.ts), which a test holds this to.
 */
function earlyMessages(m: EarlyMessages): string {
  return `(()=>{const have=${lit(m.codes)};let l=null;try{const q=new URLSearchParams(location.search).get("lang");if(have.includes(q))l=q}catch{}`
    + `if(!l)try{const s=localStorage.getItem(${lit(m.storageKey)});if(have.includes(s))l=s}catch{}`
    + 'if(!l)for(const t of navigator.languages||[]){const p=t.toLowerCase().split("-"),c=p[0]==="fa"&&p.includes("af")?"prs":p[0];if(have.includes(c)){l=c;break}}'
    + `if(l&&l!=="en"){const u=${lit(`${m.base}/locales/`)}+l+".json";self.lpEarly[u]=fetch(u)}})();`;
}
