import { z } from 'zod';
import { isLanguageTag } from './is-language-tag.ts';

export const LanguageTagSchema = z.string().refine(isLanguageTag, { message: 'Not a well-formed BCP 47 language tag' });

/**
 * A JSON-LD value object with a language (JSON-LD 1.1 §4.2.4), the form `displayName` takes in
 * a credential: `{"@value": "…", "@language": "ar"}`; `@direction` per JSON-LD 1.1 §4.2.4.1.
 */
export const LanguageValueSchema = z.strictObject({
  '@value': z.string().min(1),
  '@language': LanguageTagSchema,
  '@direction': z.enum(['ltr', 'rtl']).optional(),
});
export type LanguageValue = z.output<typeof LanguageValueSchema>;

/** The credential form: a non-empty array of language value objects. */
export const LanguageValuesSchema = z.array(LanguageValueSchema).min(1);

/**
 * Multilingual text as authored (catalogue, trust bundle): either the credential form, or a
 * plain record language tag → text (`{"ar": "…", "en": "…"}`), which is easier to write.
 */
export const LanguageMapSchema = z.union([
  LanguageValuesSchema,
  z.record(LanguageTagSchema, z.string().min(1)).refine((r) => Object.keys(r).length > 0, {
    message: 'Language map must hold at least one language',
  }),
]);
export type LanguageMap = z.output<typeof LanguageMapSchema>;

/** Either form of a language map, as the array of value objects a credential carries. */
export function toLanguageValues(map: LanguageMap): LanguageValue[] {
  if (Array.isArray(map)) return map.map((v) => ({ ...v }));
  return Object.entries(map).map(([lang, text]) => ({ '@value': text, '@language': lang }));
}
