import type { CatalogueAchievement, CatalogueResultDescription } from './z-catalogue-achievement.ts';
import { toLanguageValues } from './z-language-map.ts';
import type { LanguageMap } from './z-language-map.ts';
import { pickText } from './pick-text.ts';
import {
  DEFAULT_ISCED_LEVEL_URL_BASE,
  ISCED_FIELD_FRAMEWORK,
  ISCED_LEVEL_FRAMEWORK,
  NATIONAL_GRADES_FRAMEWORK,
  iscedFieldLabel,
  iscedFieldUri,
  iscedLevelLabel,
} from './isced-codes.ts';

export interface AchievementFromCatalogueOptions {
  /** The issuer's public base URL; achievement ids are `<baseUrl>/achievements/<code>` unless the entry has an `id`. */
  baseUrl: string;
  /**
   * Language of `name`/`description`/`narrative`, stated as the Achievement's `inLanguage` (OB 3.0
   * strings carry no language of their own). Default: the entry's `languageOfAssessment` when
   * `names` has it, else the first of `names`.
   */
  lang?: string;
  /** Base for minted ISCED 2011 level URIs (see isced-codes.ts). */
  iscedLevelUrlBase?: string;
}

/** The OB 3.0 Achievement JSON built from a catalogue entry. */
export type AchievementJson = Record<string, unknown> & { id: string; resultDescription: Record<string, unknown>[] };

/** The achievement id a catalogue entry gets under `baseUrl`. */
export function achievementIdOf(entry: Pick<CatalogueAchievement, 'id' | 'code'>, baseUrl: string): string {
  return entry.id ?? `${baseUrl.replace(/\/+$/, '')}/achievements/${encodeURIComponent(entry.code)}`;
}

/**
 * The id of the `index`th result description: its own URI, its short key under
 * `<achievement>/results/`, or the index there. Results in a credential reference this id.
 */
export function resultDescriptionIdOf(rd: Pick<CatalogueResultDescription, 'id'>, index: number, achievementId: string): string {
  if (rd.id !== undefined && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(rd.id)) return rd.id;
  return `${achievementId}/results/${encodeURIComponent(rd.id ?? String(index))}`;
}

/**
 * Build the Open Badges 3.0 Achievement (§B.1.2) for a catalogue entry using only terms of the
 * OB 3.0 context, so that any Open Badges verifier can expand and check it: name/description/
 * criteria in one language named by `inLanguage` (the language of assessment when the
 * catalogue names the achievement in it), ISCED 2011 level and ISCED-F 2013 field as
 * Alignments, ResultDescriptions with ids. The other languages stay in the catalogue, which the
 * signed trust bundle carries to every verifier; a term of our own would need a context that
 * other verifiers cannot resolve.
 */
export function achievementFromCatalogue(entry: CatalogueAchievement, options: AchievementFromCatalogueOptions): AchievementJson {
  const id = achievementIdOf(entry, options.baseUrl);
  const languages = toLanguageValues(entry.names).map((v) => v['@language']);
  const assessed = entry.languageOfAssessment;
  const lang = options.lang ?? (assessed !== undefined && languages.includes(assessed) ? assessed : languages[0]);
  const text = (m: LanguageMap | undefined): string | undefined => (m === undefined ? undefined : pickText(m, lang, ['en'])?.text);
  const name = text(entry.names) ?? entry.code;
  const narrative = text(entry.criteria);

  const alignment: Record<string, unknown>[] = [];
  if (entry.iscedLevel !== undefined) {
    alignment.push({
      type: ['Alignment'],
      targetName: `ISCED 2011 ${entry.iscedLevel} – ${iscedLevelLabel(entry.iscedLevel) ?? ''}`.trim(),
      targetFramework: ISCED_LEVEL_FRAMEWORK,
      targetCode: entry.iscedLevel,
      targetUrl: `${options.iscedLevelUrlBase ?? DEFAULT_ISCED_LEVEL_URL_BASE}${entry.iscedLevel}`,
    });
  }
  if (entry.iscedField !== undefined) {
    alignment.push({
      type: ['Alignment'],
      targetName: iscedFieldLabel(entry.iscedField) ?? entry.iscedField,
      targetFramework: ISCED_FIELD_FRAMEWORK,
      targetCode: entry.iscedField,
      targetUrl: iscedFieldUri(entry.iscedField) ?? `http://data.europa.eu/snb/isced-f/${entry.iscedField}`,
    });
  }
  const g = entry.nationalGrades;
  if (g !== undefined) {
    // OB 3.0 §B.1.1 requires targetName and targetUrl; there is no public register of national
    // grades to point at, so the URL is the achievement's own page, which describes the equivalence.
    alignment.push({
      type: ['Alignment'],
      targetName: g.from === g.to ? `Grade ${g.from} (${g.country})` : `Grades ${g.from}–${g.to} (${g.country})`,
      targetFramework: NATIONAL_GRADES_FRAMEWORK,
      targetCode: g.from === g.to ? `${g.country}:${g.from}` : `${g.country}:${g.from}-${g.to}`,
      targetUrl: `${id}#national-grades`,
    });
  }

  const resultDescription = entry.resultDescriptions.map((rd, i) => {
    const out: Record<string, unknown> = {
      id: resultDescriptionIdOf(rd, i, id),
      type: ['ResultDescription'],
      name: rd.name ?? text(rd.names) ?? rd.resultType,
      resultType: rd.resultType,
    };
    if (rd.valueMin !== undefined) out.valueMin = rd.valueMin;
    if (rd.valueMax !== undefined) out.valueMax = rd.valueMax;
    if (rd.requiredValue !== undefined) out.requiredValue = rd.requiredValue;
    if (rd.allowedValues !== undefined) out.allowedValue = [...rd.allowedValues];
    return out;
  });

  const achievement: AchievementJson = {
    id,
    type: ['Achievement'],
    achievementType: entry.achievementType,
    name,
    description: text(entry.descriptions) ?? name,
    // OB 3.0 §B.1.5: id or narrative; without a narrative the achievement's own page describes it.
    criteria: narrative !== undefined ? { narrative } : { id },
    humanCode: entry.code,
    resultDescription,
  };
  if (lang !== undefined) achievement.inLanguage = lang;
  if (entry.notionalHours !== undefined) achievement.creditsAvailable = entry.notionalHours;
  if (alignment.length > 0) achievement.alignment = alignment;
  return achievement;
}
