import { t } from './setup-i18n.ts';

const MARK = '\u0000';

/**
 * A translated sentence with values in it as nodes: the message decides where each value goes
 * (word order differs between languages), and each value stays its own element (a <bdi>, a
 * <code>) so that a Latin DID or a learner's name cannot reorder the sentence around it.
 * Nothing is concatenated: the whole sentence is one message.
 */
export function renderSentence(key: string, values: Record<string, Node>, opts: Record<string, unknown> = {}): (string | Node)[] {
  const marked = Object.fromEntries(Object.keys(values).map((k) => [k, `${MARK}${k}${MARK}`]));
  const parts = t(key, { ...opts, ...marked }).split(MARK);
  const used = new Set<string>();
  const out: (string | Node)[] = [];
  parts.forEach((p, i) => {
    if (i % 2 === 0) { if (p !== '') out.push(p); return; }
    const node = values[p];
    if (!node) return;
    // A message may name a value twice: the second time gets a copy.
    out.push(used.has(p) ? node.cloneNode(true) : node);
    used.add(p);
  });
  return out;
}

/** Text from a credential, isolated (textContent, dir=auto) so it is data and keeps its own direction. */
export function isolate(text: string, lang?: string, dir?: string, cls?: string): HTMLElement {
  const el = document.createElement('bdi');
  el.textContent = text;
  if (lang) el.lang = lang;
  el.dir = dir ?? 'auto';
  if (cls) el.className = cls;
  return el;
}
