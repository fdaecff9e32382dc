/**
 * Characters that change how a name is shown without being visible themselves: the bidi
 * embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069), the zero-width space,
 * non-joiner and joiner (U+200B–U+200D), the word joiner (U+2060) and the zero-width no-break
 * space / BOM (U+FEFF). In a signed name they let two names that look alike differ in bytes, or
 * one name display as another (Unicode TR #36 §2.4 "Bidirectional text spoofing").
 */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/gu;

/**
 * Scripts a word in a person's name is written in. Han, Hiragana, Katakana and Hangul count as
 * one group: Japanese and Korean names mix them by design (Unicode TS #39 §5.1 "mixed-script
 * detection" treats them as one "highly restrictive" set the same way).
 */
const SCRIPTS: readonly [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Bengali', /\p{Script=Bengali}/u],
  ['Tamil', /\p{Script=Tamil}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Ethiopic', /\p{Script=Ethiopic}/u],
  ['Syriac', /\p{Script=Syriac}/u],
  ['Thaana', /\p{Script=Thaana}/u],
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
];

export interface PersonNameInspection {
  /** Invisible or bidi-control characters, as `U+XXXX` with their UTF-16 index. */
  invisible: { index: number; codePoint: string }[];
  /** Words whose letters come from more than one script (Latin "A" + Cyrillic "мина"). */
  mixedScriptWords: { word: string; scripts: string[] }[];
}

/**
 * Looks at a person's name as it will be signed and shown. Issuers refuse a name with invisible
 * characters (NAME_INVISIBLE_CHARACTERS) and flag one that mixes scripts inside a word
 * (NAME_MIXED_SCRIPTS, a warning: real names can do it, but "Аmina" with a Cyrillic А is the
 * classic look-alike); verifiers show the same flag. Scripts are compared per word, so a
 * bilingual name "ليلى أحمد / Layla Ahmad" is fine.
 *
 * @example inspectPersonName('\u0410mina').mixedScriptWords // [{ word: 'Аmina', scripts: ['Latin', 'Cyrillic'] }]
 */
export function inspectPersonName(name: string): PersonNameInspection {
  const invisible = [...name.matchAll(INVISIBLE)].map((m) => ({
    index: m.index,
    codePoint: `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
  }));
  const mixedScriptWords: PersonNameInspection['mixedScriptWords'] = [];
  // A word: letters and combining marks (and the invisible characters above, so that a zero-width
  // joiner cannot split a mixed word in two).
  for (const m of name.matchAll(/[\p{L}\p{M}\u200B-\u200D\u2060\uFEFF]+/gu)) {
    const scripts: string[] = [];
    for (const ch of m[0]) {
      const found = SCRIPTS.find(([, re]) => re.test(ch));
      if (found && !scripts.includes(found[0])) scripts.push(found[0]);
    }
    if (scripts.length > 1) mixedScriptWords.push({ word: m[0], scripts });
  }
  return { invisible, mixedScriptWords };
}
