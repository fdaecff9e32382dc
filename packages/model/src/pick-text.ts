import type { LanguageMap } from './z-language-map.ts';
import { toLanguageValues } from './z-language-map.ts';
import { directionOf } from './text-direction.ts';
import type { TextDirection } from './text-direction.ts';

export interface PickedText {
  text: string;
  /** Language tag of the chosen value; undefined for a plain string without a language. */
  lang: string | undefined;
  /** For the HTML `dir` attribute: the value's `@direction`, else derived from its language. */
  dir: TextDirection;
}

/**
 * Choose the text to show from multilingual values: the wanted language (exact tag, then same
 * primary language, so `ar-SY` finds `ar`), then each language of `fallbackOrder` the same way,
 * then the first value. Returns undefined only when there is no text at all.
 *
 * @example
 * pickText(achievement.displayName, 'fr', ['en']) // { text: 'Examen …', lang: 'fr', dir: 'ltr' }
 */
export function pickText(
  values: LanguageMap | string | undefined | null,
  lang?: string,
  fallbackOrder: readonly string[] = [],
): PickedText | undefined {
  if (values === undefined || values === null) return undefined;
  if (typeof values === 'string') return values === '' ? undefined : { text: values, lang: undefined, dir: 'auto' };
  const list = toLanguageValues(values).filter((v) => typeof v['@value'] === 'string' && v['@value'] !== '');
  if (list.length === 0) return undefined;
  const wanted = [lang, ...fallbackOrder].filter((l): l is string => typeof l === 'string' && l !== '');
  for (const want of wanted) {
    const w = want.toLowerCase();
    const primary = w.split('-')[0];
    const hit =
      list.find((v) => v['@language'].toLowerCase() === w) ??
      list.find((v) => v['@language'].toLowerCase().split('-')[0] === primary);
    if (hit) return picked(hit);
  }
  return picked(list[0]!);
}

function picked(v: { '@value': string; '@language': string; '@direction'?: 'ltr' | 'rtl' | undefined }): PickedText {
  return { text: v['@value'], lang: v['@language'], dir: v['@direction'] ?? directionOf(v['@language']) };
}
