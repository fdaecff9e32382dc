import type { TextDirection } from '@lp/model';

const LRI = '\u2066';
const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';
/** Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo … and their presentation forms). */
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
/** Any isolate or embedding control already in the text (credential data is not trusted). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Wraps a text for a terminal line in a Unicode directional isolate (UAX #9 §2.7): RLI…PDI for
 * right-to-left text, LRI…PDI for left-to-right text holding RTL runs, FSI…PDI when the direction is
 * unknown and the text holds RTL letters, so that a
 * name in Arabic beside an English label neither reorders the label nor is reordered by it. The
 * text stays in logical order: a terminal that implements the bidi algorithm shows it right to
 * left, one that cannot shape still shows every character. Bidi controls inside the text are
 * removed first: credential data must not be able to reorder the rest of the line.
 */
export function isolateBidi(text: string, dir: TextDirection | undefined): string {
  const clean = text.replace(BIDI_CONTROLS, '');
  if (dir === 'rtl') return `${RLI}${clean}${PDI}`;
  // Left-to-right text on a left-to-right line needs no isolate, unless it holds RTL runs.
  if (!RTL_CHAR.test(clean)) return clean;
  return `${dir === 'ltr' ? LRI : FSI}${clean}${PDI}`;
}
