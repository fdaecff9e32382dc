import { CatalogueAchievementSchema, ModelError, parseJsonText, parseWithErrorHandling } from '@lp/model';
import type { CatalogueAchievement } from '@lp/model';
import { loadEducationSystems } from '@lp/recognition';
import { IssuerError } from '../errors.ts';
import { parseCsv } from './lib/parse-csv.ts';

/**
 * Reads catalogue entries from a file's text: JSON (one entry or an array of entries) or CSV
 * (README "Catalogue CSV": one result description per row, rows with the same code add result
 * descriptions to the same achievement). Every entry is checked with CatalogueAchievementSchema;
 * the first problem throws IssuerError CATALOGUE_INVALID with its JSON path (`$[i].…`) or CSV line.
 */
export function parseCatalogueFile(text: string, format: 'json' | 'csv'): CatalogueAchievement[] {
  const raw = format === 'json' ? fromJson(text) : fromCsv(text);
  return validateCatalogueEntries(raw);
}

export function validateCatalogueEntries(raw: unknown): CatalogueAchievement[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new IssuerError('CATALOGUE_INVALID', 'no catalogue entries');
  const seen = new Set<string>();
  return list.map((entry, i) => {
    try {
      const parsed = parseWithErrorHandling(CatalogueAchievementSchema, entry, `catalogue entry ${i + 1}`);
      if (seen.has(parsed.code)) throw new IssuerError('CATALOGUE_INVALID', `duplicate code "${parsed.code}"`, `$[${i}].code`);
      seen.add(parsed.code);
      checkNationalGrades(parsed, i);
      return parsed;
    } catch (e) {
      if (e instanceof ModelError) throw new IssuerError('CATALOGUE_INVALID', e.message, `$[${i}]${(e.path ?? '$').slice(1)}`, { issues: e.issues });
      throw e;
    }
  });
}

/**
 * The grades an entry stands for must exist in that country's school system (the dataset
 * packages/recognition/data/education-systems.csv): a school abroad places the learner by them.
 */
function checkNationalGrades(entry: CatalogueAchievement, i: number): void {
  const g = entry.nationalGrades;
  if (g === undefined) return;
  const system = loadEducationSystems().get(g.country);
  if (!system) throw new IssuerError('NATIONAL_GRADES_UNKNOWN', `${entry.code}: no school system for country "${g.country}" in the dataset`, `$[${i}].nationalGrades.country`);
  const last = system.levels.at(-1)?.lastGrade ?? 0;
  if (!system.complete || g.to > last) {
    throw new IssuerError('NATIONAL_GRADES_UNKNOWN', `${entry.code}: ${system.name} has Grades 1 to ${last}, not Grade ${g.to}`, `$[${i}].nationalGrades.to`);
  }
}

function fromJson(text: string): unknown {
  try {
    return parseJsonText(text, { maxBytes: 5_000_000 });
  } catch (e) {
    if (e instanceof ModelError) throw new IssuerError('CATALOGUE_INVALID', e.message, e.path);
    throw e;
  }
}

const SCALE_COLUMNS = ['resultType', 'resultName', 'valueMin', 'valueMax', 'requiredValue', 'allowedValues', 'resultId'] as const;
const FIXED = new Set(['code', 'id', 'achievementType', 'iscedLevel', 'iscedField', 'languageOfAssessment', 'notionalHours', 'nationalGrades', ...SCALE_COLUMNS]);
/** `SS:5` (one grade) or `SS:3-4` (an accelerated level's condensed grades). */
const NATIONAL_GRADES = /^([A-Za-z]{2}):(\d{1,2})(?:-(\d{1,2}))?$/;
const LOCALIZED = /^(name|description|criteria|resultName)_([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$/;

function fromCsv(text: string): unknown[] {
  const parsed = parseCsv(text);
  if ('error' in parsed) throw new IssuerError('CATALOGUE_INVALID', `CSV line ${parsed.line}: ${parsed.error}`);
  const [header, ...rows] = parsed.rows;
  if (!header) throw new IssuerError('CATALOGUE_INVALID', 'the CSV file is empty');
  const cols = header.map((h) => h.trim());
  for (const c of cols) {
    if (!FIXED.has(c) && !LOCALIZED.test(c)) throw new IssuerError('CATALOGUE_INVALID', `CSV line 1: unknown column "${c}"`);
  }
  if (!cols.includes('code')) throw new IssuerError('CATALOGUE_INVALID', 'CSV line 1: a "code" column is required');
  const byCode = new Map<string, Record<string, unknown>>();
  rows.forEach((cells, r) => {
    const line = r + 2;
    if (cells.length !== cols.length) throw new IssuerError('CATALOGUE_INVALID', `CSV line ${line}: ${cells.length} fields, the header has ${cols.length}`);
    const get = (c: string) => {
      const v = cells[cols.indexOf(c)]?.trim();
      return v === undefined || v === '' ? undefined : v;
    };
    const code = get('code');
    if (code === undefined) throw new IssuerError('CATALOGUE_INVALID', `CSV line ${line}: code is empty`);
    let entry = byCode.get(code);
    if (!entry) {
      entry = { code, resultDescriptions: [] };
      for (const c of ['id', 'achievementType', 'iscedLevel', 'iscedField', 'languageOfAssessment']) {
        if (get(c) !== undefined) entry[c] = get(c);
      }
      const hours = get('notionalHours');
      // A number the schema then bounds (a negative one is refused there, with its path).
      if (hours !== undefined) entry.notionalHours = /^[+-]?\d+(\.\d+)?$/.test(hours) ? Number(hours) : hours;
      const grades = get('nationalGrades');
      if (grades !== undefined) {
        const m = NATIONAL_GRADES.exec(grades);
        if (!m) throw new IssuerError('CATALOGUE_INVALID', `CSV line ${line}: nationalGrades "${grades}" is not COUNTRY:GRADE or COUNTRY:FROM-TO (e.g. SS:3-4)`);
        entry.nationalGrades = { country: m[1]!.toUpperCase(), from: Number(m[2]), to: Number(m[3] ?? m[2]) };
      }
      for (const [i, c] of cols.entries()) {
        const m = LOCALIZED.exec(c);
        const v = cells[i]?.trim();
        if (!m || !v || m[1] === 'resultName') continue;
        const key = m[1] === 'name' ? 'names' : m[1] === 'description' ? 'descriptions' : 'criteria';
        ((entry[key] ??= {}) as Record<string, string>)[m[2]!] = v;
      }
      byCode.set(code, entry);
    }
    const resultType = get('resultType');
    if (resultType !== undefined) {
      const rd: Record<string, unknown> = { resultType };
      if (get('resultId') !== undefined) rd.id = get('resultId');
      if (get('resultName') !== undefined) rd.name = get('resultName');
      for (const [i, c] of cols.entries()) {
        const m = LOCALIZED.exec(c);
        const v = cells[i]?.trim();
        if (m && v && m[1] === 'resultName') ((rd.names ??= {}) as Record<string, string>)[m[2]!] = v;
      }
      if (rd.name === undefined && rd.names === undefined) rd.name = resultType;
      for (const c of ['valueMin', 'valueMax', 'requiredValue'] as const) if (get(c) !== undefined) rd[c] = get(c);
      const allowed = get('allowedValues');
      if (allowed !== undefined) rd.allowedValues = allowed.split('|').map((s) => s.trim()).filter(Boolean);
      (entry.resultDescriptions as unknown[]).push(rd);
    }
  });
  return [...byCode.values()];
}
