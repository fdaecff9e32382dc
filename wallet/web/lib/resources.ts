import ar from '../locales/ar.json' with { type: 'json' };
import en from '../locales/en.json' with { type: 'json' };
import es from '../locales/es.json' with { type: 'json' };
import fa from '../locales/fa.json' with { type: 'json' };
import fr from '../locales/fr.json' with { type: 'json' };
import prs from '../locales/prs.json' with { type: 'json' };
import ps from '../locales/ps.json' with { type: 'json' };
import tr from '../locales/tr.json' with { type: 'json' };
import uk from '../locales/uk.json' with { type: 'json' };
import ur from '../locales/ur.json' with { type: 'json' };

/** All ten message files, for Node (tests; the CLI's terminal messages). The page itself carries English and fetches another language when shown (fetchMessages in @lp/web-kit). */
export function loadResources() {
  return {
    en: { translation: en }, fr: { translation: fr }, es: { translation: es }, tr: { translation: tr }, uk: { translation: uk },
    ar: { translation: ar }, fa: { translation: fa }, prs: { translation: prs }, ps: { translation: ps }, ur: { translation: ur },
  };
}
