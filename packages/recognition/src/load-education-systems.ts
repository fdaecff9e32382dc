import { EDUCATION_SYSTEMS_CSV } from './data/education-systems-csv.ts';
import { RecognitionError } from './errors.ts';
import { parseCsv } from './lib/parse-csv.ts';
import { zEducationSystemRow, type EducationSystem, type SchoolLevel } from './z-education-system.ts';

/** Countries by ISO 3166-1 alpha-2 and alpha-3 code. */
export type EducationSystems = ReadonlyMap<string, EducationSystem>;

let cached: EducationSystems | undefined;

/**
 * Reads the school-system dataset (data/education-systems.csv, UNESCO UIS figures; SOURCES.md).
 * Every row is checked, and its grade map must agree with its durations, so a hand edit that
 * breaks the file fails loudly (DATA_INVALID) rather than placing a child wrongly.
 *
 * @example const jordan = loadEducationSystems().get('JO');
 */
export function loadEducationSystems(csv: string = EDUCATION_SYSTEMS_CSV): EducationSystems {
  if (csv === EDUCATION_SYSTEMS_CSV && cached) return cached;
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new RecognitionError('DATA_INVALID', 'education systems: empty file');
  const map = new Map<string, EducationSystem>();
  rows.forEach((cells, i) => {
    if (cells.length === 1 && cells[0] === '') return;
    const record = Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']));
    const parsed = zEducationSystemRow.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RecognitionError('DATA_INVALID', `education systems row ${i + 2}: ${issue?.message} at ${issue?.path.join('.')}`, `row ${i + 2}`);
    }
    const r = parsed.data;
    const levels: SchoolLevel[] = [];
    let grade = 1;
    const add = (level: 1 | 2 | 3, entranceAge: number | undefined, years: number | undefined) => {
      if (entranceAge === undefined || years === undefined) return;
      levels.push({ level, entranceAge, firstGrade: grade, lastGrade: grade + years - 1, years });
      grade += years;
    };
    add(1, r.primary_entrance_age, r.primary_duration);
    if (levels.length === 1) add(2, r.lower_secondary_entrance_age, r.lower_secondary_duration);
    if (levels.length === 2) add(3, r.upper_secondary_entrance_age, r.upper_secondary_duration);
    const complete = levels.length === 3;
    const expectedMap = complete ? levels.map((l) => `${l.firstGrade}-${l.lastGrade}:${l.level}`).join(';') : '';
    if (r.grade_isced_map !== expectedMap) {
      throw new RecognitionError('DATA_INVALID', `education systems row ${i + 2} (${r.iso3}): grade map ${r.grade_isced_map} does not follow the durations (${expectedMap})`, `row ${i + 2}`);
    }
    const system: EducationSystem = {
      iso2: r.iso2, iso3: r.iso3, name: r.name_en, levels, complete, referenceYear: r.reference_year,
      schoolYearStartMonth: r.school_year_start_month, sourceIds: r.source_id.split(';'),
    };
    map.set(r.iso2, system);
    map.set(r.iso3, system);
  });
  if (csv === EDUCATION_SYSTEMS_CSV) cached = map;
  return map;
}
