import { directionOf, inspectPersonName, iscedLevelLabel, pickText, resultRoleOf, type LanguageMap } from '@lp/model';
import { findIssuer, type CatalogueEntry, type TrustBundle } from '@lp/trust';
import type { Display, DisplayAchievement, DisplayResultScale, DisplayText, NameWarning, VerifyContext } from '../types.ts';

/** An achievement as the credential states it, with its catalogue entry when the bundle has one. */
export interface AchievementFacts {
  code: string | undefined;
  entry: CatalogueEntry | undefined;
  /** The credential's own name(s): a language map, or a plain string in `inLanguage`. */
  ownName?: LanguageMap | string | undefined;
  inLanguage?: string | undefined;
  /** Records signed with the old Learning Passport context state it apart from `inLanguage`. */
  languageOfAssessment?: string | undefined;
  /** The credential's own ISCED 2011 level (an OB 3.0 Alignment), used when the catalogue has none. */
  iscedLevel?: string | undefined;
  value?: string | undefined;
  status?: string | undefined;
  /** The credential's own scale, used when the catalogue has none. */
  ownScale?: DisplayResultScale | undefined;
  /** OB 3.0 awardedDate (seal claim 8.6). */
  awardedAt?: Date | undefined;
  /** Months completed of a grade left part-way (seal claim 8.7). */
  monthsCompleted?: number | undefined;
  /** Terms completed of a grade left part-way (seal claim 8.9). */
  termsCompleted?: number | undefined;
  /** Competency levels by result description index (seal claim 8.8), with the record's own names when it has them. */
  competencies?: { index: number; level: string; ownName?: string | undefined; ownLevels?: string[] | undefined }[] | undefined;
  /** From the full record when the catalogue has none: creditsAvailable, the national-grades Alignment, the months scale. */
  ownNotionalHours?: number | undefined;
  ownNationalGrades?: { country: string; from: number; to: number } | undefined;
  ownMonthsInGrade?: number | undefined;
  ownTermsInGrade?: number | undefined;
}

export interface DisplayFacts {
  issuerId: string | undefined;
  learnerName: string | undefined;
  learnerNameLatin?: string | undefined;
  birthDate?: string | undefined;
  achievements: readonly AchievementFacts[];
  issuedAt: Date | undefined;
  /** When the key signed, when the credential says (proof.created, iat, seal claim 13). */
  signedAt?: Date | undefined;
  expiresAt?: Date | undefined;
  statusAsOf: Date | undefined;
}

// Persian and Dari share one written standard (CLDR: fa, fa-AF): a reader of either is better
// served by the other's name than by English.
const FALLBACKS: Readonly<Record<string, string[]>> = { prs: ['fa', 'en'], fa: ['prs', 'en'] };
const fallbackFor = (lang: string): string[] => FALLBACKS[lang.toLowerCase().split('-')[0] ?? ''] ?? ['en'];

/**
 * What pages show beside the checks: names from the catalogue in the requested language beside
 * the original, the issuer as the TRUST BUNDLE names it (never as the credential names itself).
 */
export function buildDisplay(facts: DisplayFacts, ctx: VerifyContext): Display {
  const lang = ctx.lang ?? 'en';
  const vb = ctx.bundle;
  const listed = vb && facts.issuerId ? findIssuer(vb.bundle, facts.issuerId) : undefined;
  const display: Display = {
    learner: {
      name: facts.learnerName,
      ...(facts.learnerNameLatin && facts.learnerNameLatin !== facts.learnerName ? { nameLatin: facts.learnerNameLatin } : {}),
      ...(facts.birthDate ? { birthDate: facts.birthDate } : {}),
    },
    issuer: facts.issuerId === undefined
      ? undefined
      : {
          id: facts.issuerId,
          name: listed ? text(pickText(listed.names, lang, fallbackFor(lang))) : undefined,
          country: listed?.country,
          kind: listed?.kind,
          listed: listed !== undefined,
        },
    achievements: facts.achievements.map((a) => displayAchievement(a, lang)),
    issuedAt: iso(facts.issuedAt),
    bundle: vb ? bundleFacts(vb.bundle, vb.expired, ctx.now) : undefined,
    statusAsOf: iso(facts.statusAsOf),
  };
  if (facts.expiresAt) display.expiresAt = iso(facts.expiresAt)!;
  if (iso(facts.signedAt)) display.signedAt = iso(facts.signedAt)!;
  const warnings = facts.learnerName !== undefined ? nameWarnings(facts.learnerName) : [];
  if (warnings.length > 0) display.learner.warnings = warnings;
  return display;
}

/** The same inspection issuers apply at issuance (@lp/model inspectPersonName), shown to the person checking. */
function nameWarnings(name: string): NameWarning[] {
  const found = inspectPersonName(name);
  const out: NameWarning[] = [];
  if (found.mixedScriptWords.length > 0) {
    out.push({
      code: 'NAME_MIXED_SCRIPTS',
      items: found.mixedScriptWords.map((w) => w.word),
      scripts: [...new Set(found.mixedScriptWords.flatMap((w) => w.scripts))].sort(),
    });
  }
  if (found.invisible.length > 0) out.push({ code: 'NAME_INVISIBLE_CHARACTERS', items: [...new Set(found.invisible.map((c) => c.codePoint))] });
  return out;
}

function displayAchievement(a: AchievementFacts, lang: string): DisplayAchievement {
  const e = a.entry;
  let name: DisplayText | undefined;
  let original: DisplayText | undefined;
  const ownLanguage = a.languageOfAssessment ?? a.inLanguage;
  if (e) {
    name = text(pickText(e.names, lang, fallbackFor(lang)));
    original = text(pickText(e.names, e.languageOfAssessment ?? ownLanguage));
  }
  if (!name) name = ownText(a.ownName, a.inLanguage, lang, fallbackFor(lang));
  if (!original) original = ownText(a.ownName, a.inLanguage, ownLanguage, []);
  const scale = e ? catalogueScale(e, a.value !== undefined, lang) : undefined;
  const levelCode = e?.iscedLevel ?? a.iscedLevel;
  return {
    code: a.code,
    name,
    original,
    level: levelCode ? iscedLevelLabel(levelCode) : undefined,
    levelCode,
    result: a.value ?? a.status,
    resultStatus: a.status,
    resultScale: scale ?? a.ownScale,
    ...(iso(a.awardedAt) ? { awardedAt: iso(a.awardedAt)! } : {}),
    ...learningFacts(a, lang),
  };
}

/** Partial completion, competencies, notional hours and national grades: catalogue first, then the record's own. */
function learningFacts(a: AchievementFacts, lang: string): Pick<DisplayAchievement, 'partial' | 'partialTerms' | 'competencies' | 'notionalHours' | 'nationalGrades'> {
  const e = a.entry;
  const out: Pick<DisplayAchievement, 'partial' | 'partialTerms' | 'competencies' | 'notionalHours' | 'nationalGrades'> = {};
  if (a.monthsCompleted !== undefined) {
    const rd = e?.resultDescriptions.find((r) => resultRoleOf(r) === 'months');
    const of = rd?.valueMax !== undefined ? Number(rd.valueMax) : a.ownMonthsInGrade;
    out.partial = { monthsCompleted: a.monthsCompleted, monthsInGrade: of };
  }
  if (a.termsCompleted !== undefined) {
    const rd = e?.resultDescriptions.find((r) => resultRoleOf(r) === 'terms');
    const of = rd?.valueMax !== undefined ? Number(rd.valueMax) : a.ownTermsInGrade;
    out.partialTerms = { termsCompleted: a.termsCompleted, termsInGrade: of };
  }
  if (a.competencies && a.competencies.length > 0) {
    out.competencies = a.competencies.map((c) => {
      const rd = e?.resultDescriptions[c.index];
      const fromCatalogue = rd && resultRoleOf(rd) === 'competency' ? rd : undefined;
      const name = fromCatalogue ? text(pickText(fromCatalogue.names ?? fromCatalogue.name ?? fromCatalogue.id ?? '', lang, fallbackFor(lang)))
        : c.ownName ? { text: c.ownName, lang: undefined, dir: 'auto' as const } : undefined;
      return { name, level: c.level, levels: fromCatalogue?.allowedValues ? [...fromCatalogue.allowedValues] : c.ownLevels };
    });
  }
  const hours = e?.notionalHours ?? a.ownNotionalHours;
  if (hours !== undefined) out.notionalHours = hours;
  const grades = e?.nationalGrades ?? a.ownNationalGrades;
  if (grades !== undefined) out.nationalGrades = { ...grades };
  return out;
}

/** A plain string is in the achievement's own language (OB 3.0 `inLanguage`). */
function ownText(names: LanguageMap | string | undefined, inLanguage: string | undefined, want: string | undefined, fallback: string[]): DisplayText | undefined {
  if (typeof names === 'string') return names === '' ? undefined : { text: names, lang: inLanguage, dir: directionOf(inLanguage) };
  try {
    return text(pickText(names, want, fallback));
  } catch {
    return undefined;
  }
}

function catalogueScale(e: CatalogueEntry, hasValue: boolean, lang: string): DisplayResultScale | undefined {
  const rds = e.resultDescriptions;
  const rd = (hasValue ? rds.find((r) => resultRoleOf(r) === 'main') : undefined) ?? rds.find((r) => resultRoleOf(r) === 'status') ?? rds[0];
  if (!rd) return undefined;
  const name = text(pickText(rd.names ?? rd.name, lang, fallbackFor(lang)));
  return {
    resultType: rd.resultType,
    ...(name ? { name } : {}),
    ...(rd.valueMin !== undefined ? { valueMin: rd.valueMin } : {}),
    ...(rd.valueMax !== undefined ? { valueMax: rd.valueMax } : {}),
    ...(rd.requiredValue !== undefined ? { requiredValue: rd.requiredValue } : {}),
    ...(rd.allowedValues !== undefined ? { allowedValues: [...rd.allowedValues] } : {}),
  };
}

function bundleFacts(b: TrustBundle, expired: boolean, now: Date) {
  return { sequence: b.sequence, issuedAt: b.issuedAt, expires: b.expires, ageSeconds: Math.floor((now.getTime() - Date.parse(b.issuedAt)) / 1000), expired };
}

function text(p: { text: string; lang: string | undefined; dir: DisplayText['dir'] } | undefined): DisplayText | undefined {
  return p ? { text: p.text, lang: p.lang, dir: p.dir } : undefined;
}

function iso(d: Date | undefined): string | undefined {
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}
