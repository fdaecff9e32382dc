import { LANGUAGES_RTL_DATA } from './data/languages-rtl.ts';

export type TextDirection = 'ltr' | 'rtl' | 'auto';

/** ISO 15924 scripts written right to left (Unicode CLDR script metadata, rtl = yes). */
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'rohg', 'syrc', 'nkoo', 'adlm', 'mand', 'samr', 'yezi', 'aran']);
const LTR_SCRIPTS = new Set(['latn', 'cyrl', 'grek', 'ethi', 'beng', 'deva', 'mymr', 'hans', 'hant', 'jpan', 'kore', 'armn', 'geor', 'thai']);

const DEFAULTS = new Map<string, 'ltr' | 'rtl'>(
  LANGUAGES_RTL_DATA.items.map((i) => [i.tag.toLowerCase(), i.defaultDirection]),
);
/** Right-to-left languages outside the project's table, so that they do not fall to `auto`. */
for (const tag of ['yi', 'syr', 'arc', 'ks', 'bal', 'glk', 'mzn', 'lrc', 'azb', 'skr', 'pnb']) DEFAULTS.set(tag, 'rtl');

/**
 * Text direction for a BCP 47 tag: the script subtag decides when present (`ha-Arab` → rtl,
 * `rhg-Rohg` → rtl, `ku-Latn` → ltr), else the language's default from
 * data/languages-rtl.json; `auto` (let the renderer look at the text) for unknown languages.
 */
export function directionOf(tag: string | undefined): TextDirection {
  if (!tag) return 'auto';
  const subtags = tag.toLowerCase().split('-');
  const script = subtags.slice(1).find((s) => s.length === 4 && /^[a-z]{4}$/.test(s));
  if (script && RTL_SCRIPTS.has(script)) return 'rtl';
  if (script && LTR_SCRIPTS.has(script)) return 'ltr';
  const primary = subtags[0] ?? '';
  return DEFAULTS.get(primary) ?? 'auto';
}
