import { isIscedFieldCode, isIscedLevelCode, ISCED_FIELD_FRAMEWORK, ISCED_LEVEL_FRAMEWORK } from './isced-codes.ts';
import { isLanguageTag } from './is-language-tag.ts';
import type { LpProfileIssue } from './lp-profile-issue.ts';
import { validateResultAgainstScale } from './validate-result-against-scale.ts';
import { precheckLanguageValues } from './lib/precheck-profile.ts';
import { LanguageValuesSchema, type LanguageValue } from './z-language-map.ts';
import { typesOf } from './z-primitives.ts';

type Json = Record<string, unknown>;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** The seal carries the session (claim 11) as at most 64 characters (formats/src/seal/CLAIMS.md). */
const MAX_TERM = 64;

/**
 * Check what the Learning Passport profile reads from an Open Badges / CLR credential and return
 * warnings, never errors. The standard fields our issuer fills: ISCED 2011 / ISCED-F 2013
 * alignment codes, result scales and results on them, the achievement's `inLanguage`, the
 * subject's `term` (the session), `creditsAvailable`/`creditsEarned`. The fields of records signed
 * with the old Learning Passport context: `languageOfAssessment`, multilingual `displayName`,
 * `notionalLearningHours`. Absent fields are not reported (a credential from another Open Badges
 * issuer has none). Never throws.
 */
export function checkLpProfile(credential: unknown): LpProfileIssue[] {
  const issues: LpProfileIssue[] = [];
  if (isObject(credential)) visitCredential(credential, '$', issues, 0);
  return issues;
}

function visitCredential(vc: Json, path: string, issues: LpProfileIssue[], depth: number): void {
  const subjects = vc.credentialSubject;
  const list = Array.isArray(subjects) ? subjects : [subjects];
  list.forEach((subject, i) => {
    if (!isObject(subject)) return;
    const sp = Array.isArray(subjects) ? `${path}.credentialSubject[${i}]` : `${path}.credentialSubject`;
    if (typesOf(vc.type).includes('ClrCredential')) {
      arrayOf(subject.achievement).forEach((a, j) => {
        if (isObject(a)) visitAchievement(a, `${sp}.achievement[${j}]`, issues);
      });
      // A CLR holds credentials; they do not hold CLRs, so one level of nesting is enough.
      if (depth === 0) {
        arrayOf(subject.verifiableCredential).forEach((c, j) => {
          if (isObject(c)) visitCredential(c, `${sp}.verifiableCredential[${j}]`, issues, depth + 1);
        });
      }
      return;
    }
    if (subject.term !== undefined && (typeof subject.term !== 'string' || subject.term.trim() === '' || subject.term.length > MAX_TERM)) {
      issues.push({ code: 'TERM_INVALID', path: `${sp}.term`, message: `term must be a non-empty string of at most ${MAX_TERM} characters` });
    }
    checkCredits(subject.creditsEarned, `${sp}.creditsEarned`, issues);
    const achievement = subject.achievement;
    if (!isObject(achievement)) return;
    visitAchievement(achievement, `${sp}.achievement`, issues);
    visitResults(subject, achievement, sp, issues);
  });
}

function visitAchievement(a: Json, path: string, issues: LpProfileIssue[]): void {
  arrayOf(a.alignment).forEach((al, i) => {
    if (!isObject(al)) return;
    const p = `${path}.alignment[${i}].targetCode`;
    if (al.targetFramework === ISCED_LEVEL_FRAMEWORK && !isIscedLevelCode(al.targetCode)) {
      issues.push({ code: 'ISCED_LEVEL_UNKNOWN', path: p, message: `${show(al.targetCode)} is not an ISCED 2011 level code` });
    }
    if (al.targetFramework === ISCED_FIELD_FRAMEWORK && !isIscedFieldCode(al.targetCode)) {
      issues.push({ code: 'ISCED_FIELD_UNKNOWN', path: p, message: `${show(al.targetCode)} is not an ISCED-F 2013 field code` });
    }
  });
  for (const key of ['languageOfAssessment', 'inLanguage'] as const) {
    if (a[key] !== undefined && !isLanguageTag(a[key])) {
      issues.push({ code: 'LANGUAGE_TAG_INVALID', path: `${path}.${key}`, message: `${show(a[key])} is not a BCP 47 language tag` });
    }
  }
  checkDisplayName(a.displayName, `${path}.displayName`, issues);
  checkCredits(a.creditsAvailable, `${path}.creditsAvailable`, issues);
  checkCredits(a.notionalLearningHours, `${path}.notionalLearningHours`, issues);
  arrayOf(a.resultDescription).forEach((rd, i) => {
    if (isObject(rd)) visitResultDescription(rd, `${path}.resultDescription[${i}]`, issues);
  });
}

function visitResultDescription(rd: Json, path: string, issues: LpProfileIssue[]): void {
  checkDisplayName(rd.displayName, `${path}.displayName`, issues);
  let min: number | undefined;
  let max: number | undefined;
  for (const key of ['valueMin', 'valueMax'] as const) {
    const v = rd[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !DECIMAL.test(v)) {
      issues.push({ code: 'SCALE_INVALID', path: `${path}.${key}`, message: `${key} ${show(v)} is not a number` });
    } else if (key === 'valueMin') min = Number(v);
    else max = Number(v);
  }
  if (min !== undefined && max !== undefined && min > max) {
    issues.push({ code: 'SCALE_INVALID', path: `${path}.valueMin`, message: `valueMin ${min} is greater than valueMax ${max}` });
  }
  if (rd.requiredValue !== undefined) {
    const bad = validateResultAgainstScale(scaleOf(rd), rd.requiredValue, `${path}.requiredValue`);
    if (bad) issues.push({ ...bad, code: 'REQUIRED_VALUE_OUT_OF_SCALE', message: bad.message.replace(/^Result/, 'requiredValue') });
  }
}

function visitResults(subject: Json, achievement: Json, path: string, issues: LpProfileIssue[]): void {
  const descriptions = new Map<string, Json>();
  for (const rd of arrayOf(achievement.resultDescription)) {
    if (isObject(rd) && typeof rd.id === 'string') descriptions.set(rd.id, rd);
  }
  arrayOf(subject.result).forEach((r, i) => {
    if (!isObject(r) || typeof r.resultDescription !== 'string') return;
    const rd = descriptions.get(r.resultDescription);
    const p = `${path}.result[${i}]`;
    if (rd === undefined) {
      issues.push({
        code: 'RESULT_DESCRIPTION_UNKNOWN',
        path: `${p}.resultDescription`,
        message: `${show(r.resultDescription)} is not the id of one of the achievement's result descriptions`,
      });
      return;
    }
    if (r.value === undefined) return;
    const bad = validateResultAgainstScale(scaleOf(rd), r.value, `${p}.value`);
    if (bad) issues.push(bad);
  });
}

/** OB 3.0 §B.1.2 creditsAvailable / §B.1.4 creditsEarned are floats; a count cannot be negative. */
function checkCredits(value: unknown, path: string, issues: LpProfileIssue[]): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    issues.push({ code: 'CREDITS_INVALID', path, message: `${show(value)} is not a non-negative number` });
  }
}

function checkDisplayName(value: unknown, path: string, issues: LpProfileIssue[]): void {
  if (value === undefined) return;
  // The common valid form is read as it is; anything else is zod's to decide.
  const parsed = precheckLanguageValues(value) ? { success: true as const, data: value as LanguageValue[] } : LanguageValuesSchema.safeParse(value);
  if (!parsed.success) {
    issues.push({
      code: 'DISPLAY_NAME_INVALID',
      path,
      message: 'displayName must be a non-empty array of {"@value", "@language"} with BCP 47 tags',
    });
    return;
  }
  const seen = new Set<string>();
  parsed.data.forEach((v, i) => {
    const tag = v['@language'].toLowerCase();
    if (seen.has(tag)) {
      issues.push({ code: 'DISPLAY_NAME_DUPLICATE_LANGUAGE', path: `${path}[${i}]`, message: `displayName has '${tag}' twice` });
    }
    seen.add(tag);
  });
}

function scaleOf(rd: Json) {
  return {
    valueMin: typeof rd.valueMin === 'string' ? rd.valueMin : undefined,
    valueMax: typeof rd.valueMax === 'string' ? rd.valueMax : undefined,
    allowedValue: Array.isArray(rd.allowedValue) ? rd.allowedValue.filter((v): v is string => typeof v === 'string') : undefined,
  };
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arrayOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v.slice(0, 60)}'` : String(v);
}
