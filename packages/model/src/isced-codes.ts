import { ISCED_2011_LEVELS_DATA } from './data/isced-2011-levels.ts';
import { ISCED_F_2013_DATA } from './data/isced-f-2013.ts';

/** `targetFramework` values the project uses in Alignments (the fixture's spelling). */
export const ISCED_LEVEL_FRAMEWORK = 'ISCED 2011';
export const ISCED_FIELD_FRAMEWORK = 'ISCED-F 2013';
/**
 * The targetFramework of an Alignment to national school grades; its targetCode is
 * `<ISO 3166-1 alpha-2>:<grade>` or `<country>:<from>-<to>` (e.g. `SS:3-4`).
 */
export const NATIONAL_GRADES_FRAMEWORK = 'National school grades';

/**
 * No dereferenceable URI per ISCED 2011 level exists (data/isced-2011-levels.json notes), so
 * the project mints them under this base; ISCED-F 2013 fields use EU Vocabularies URIs.
 */
export const DEFAULT_ISCED_LEVEL_URL_BASE = 'https://learning-passport.example/vocab/isced-2011/';

const LEVELS = new Map<string, { code: string; label_en: string }>(ISCED_2011_LEVELS_DATA.items.map((i) => [i.code, i]));
const FIELDS = new Map<string, { code: string; label_en: string; uri: string }>(ISCED_F_2013_DATA.items.map((i) => [i.code, i]));

/** An ISCED 2011 level (`2`), subcategory (`02`) or ISCED-P programme code (`244`). */
export function isIscedLevelCode(code: unknown): code is string {
  return typeof code === 'string' && LEVELS.has(code);
}

/** An ISCED-F 2013 broad (`05`), narrow (`054`) or detailed (`0541`) field code. */
export function isIscedFieldCode(code: unknown): code is string {
  return typeof code === 'string' && FIELDS.has(code);
}

export function iscedLevelLabel(code: string): string | undefined {
  return LEVELS.get(code)?.label_en;
}

export function iscedFieldLabel(code: string): string | undefined {
  return FIELDS.get(code)?.label_en;
}

/** EU Vocabularies URI of an ISCED-F 2013 field, e.g. http://data.europa.eu/snb/isced-f/0541. */
export function iscedFieldUri(code: string): string | undefined {
  return FIELDS.get(code)?.uri;
}
