import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CatalogueAchievementSchema } from '@lp/model';
import { checkRowsAgainstCatalogue } from '../src/bulk/check-rows-against-catalogue.ts';
import { readResultsCsv } from '../src/bulk/read-results-csv.ts';
import { scanResultsCsv } from '../src/bulk/scan-results-csv.ts';
import { neutralizeCell, toCsv } from '../src/bulk/lib/to-csv.ts';
import { fileSlug } from '../src/bulk/lib/file-slug.ts';
import { FIXTURES } from './issuer-helpers.ts';

const NOW = new Date('2026-06-20T09:00:00Z');
const HEADER = 'candidate_number,name,name_latin,date_of_birth,achievement_code,result';
const CATALOGUE = (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'catalogue.json'), 'utf8')) as unknown[]).map((e) => CatalogueAchievementSchema.parse(e));

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Every file the tests read, to read again with the streaming reader at the end (same answer required). */
const seen: Uint8Array[] = [];
const read = (text: string | Uint8Array) => {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  seen.push(bytes);
  return readResultsCsv(bytes, { now: NOW });
};
const check = (text: string) => {
  const r = read(text);
  const c = checkRowsAgainstCatalogue(r.rows, CATALOGUE, { achievement: 'achievement_code', result: 'result' });
  return { ...r, checked: c.rows, issues: [...r.issues, ...c.issues] };
};
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

describe('readResultsCsv: good files', () => {
  it('reads rows with Arabic names, a UTF-8 BOM, CRLF and a quoted cell with a comma', () => {
    const r = check('\uFEFF' + [HEADER, 'C-1,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-MATH,452', 'C-1,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-ARAB,A', 'C-2,"Haddad, Omar",Omar Haddad,2011-01-02,BECE-MATH,0'].join('\r\n'));
    expect(r.issues).toEqual([]);
    expect(r.checked.map((x) => [x.row, x.data.candidateNumber, x.data.name, x.result])).toEqual([
      [2, 'C-1', 'ليلى أحمد', { value: '452' }],
      [3, 'C-1', 'ليلى أحمد', { value: 'A' }],
      [4, 'C-2', 'Haddad, Omar', { value: '0' }],
    ]);
  });

  it('takes headers in any case and spacing, in any order, and ";" as Excel writes in some locales', () => {
    const r = check('Result;Achievement Code;Date-of-Birth;Name Latin;NAME;Candidate Number\n452;BECE-MATH;2010-03-04;Layla Ahmad;ليلى;C-1\n');
    expect(r.issues).toEqual([]);
    expect(r.checked[0]!.data).toMatchObject({ candidateNumber: 'C-1', achievementCode: 'BECE-MATH', result: '452' });
  });

  it('counts rows as lines (header = 1), past blank lines; a multi-line quoted cell is one row', () => {
    const r = read(csv('C-1,"ليلى\nأحمد",Layla Ahmad,2010-03-04,BECE-MATH,452', '', 'C-2,Omar,Omar,2999-01-01,BECE-MATH,1'));
    // A line break inside a name is refused (it would not print on one line) but counts as one row.
    expect(r.issues).toEqual([
      expect.objectContaining({ row: 2, code: 'CELL_INVALID', column: 'name' }),
      expect.objectContaining({ row: 5, code: 'DATE_OF_BIRTH_IN_FUTURE', column: 'date_of_birth' }),
    ]);
  });

  it('keeps cells that start with =, +, - or @ as text (names keep their text)', () => {
    const r = check(csv('C-1,"=HYPERLINK(""x"")",+Layla,2010-03-04,BECE-MATH,452', 'C-2,@Omar,-Omar,2011-01-02,BECE-MATH,-0'));
    expect(r.issues).toEqual([]);
    expect(r.checked.map((x) => [x.data.name, x.data.nameLatin])).toEqual([['=HYPERLINK("x")', '+Layla'], ['@Omar', '-Omar']]);
  });
});

describe('readResultsCsv: the optional awarded_date column', () => {
  const AWARDED = `${HEADER},awarded_date`;
  const rows = (...r: string[]) => [AWARDED, ...r].join('\n') + '\n';

  it('reads award dates from 1950 up to today; an empty cell means "not given"', () => {
    const r = check(rows(
      'C-1,Layla,Layla,2000-03-04,BECE-MATH,452,2012-06-30',
      'C-2,Omar,Omar,2001-01-02,BECE-MATH,300,2019-06-30',
      'C-3,Sami,Sami,2002-01-02,BECE-MATH,300,2026-06-20',
      'C-4,Amal,Amal,1930-01-02,BECE-MATH,300,1950-01-01',
      'C-5,Nour,Nour,2010-01-02,BECE-MATH,300,',
    ));
    expect(r.issues).toEqual([]);
    expect(r.checked.map((x) => x.data.awardedDate)).toEqual(['2012-06-30', '2019-06-30', '2026-06-20', '1950-01-01', undefined]);
  });

  it.each([
    ['30/06/2019', 'CELL_INVALID'],
    ['2019-6-30', 'CELL_INVALID'],
    ['2019-02-30', 'CELL_INVALID'],
    ['June 2019', 'CELL_INVALID'],
    ['1949-12-31', 'CELL_INVALID'],
    ['2026-06-22', 'DATE_IN_FUTURE'],
    ['2030-01-01', 'DATE_IN_FUTURE'],
  ])('awarded_date %s → %s (row, column), and the row is not kept', (cell, code) => {
    const r = read(rows('C-1,Layla,Layla,2000-03-04,BECE-MATH,452,2012-06-30', `C-2,Omar,Omar,2001-01-02,BECE-MATH,300,${cell}`));
    expect(r.issues).toEqual([expect.objectContaining({ row: 3, column: 'awarded_date', code })]);
    expect(r.rows.map((x) => x.row)).toEqual([2]);
  });

  it('the header may spell it "Awarded Date"; the column name in the report is the one written', () => {
    const r = read(`${HEADER},Awarded Date\nC-1,Layla,Layla,2000-03-04,BECE-MATH,452,2031-01-01\n`);
    expect(r.issues).toEqual([expect.objectContaining({ row: 2, column: 'Awarded Date', code: 'DATE_IN_FUTURE' })]);
  });
});

describe('readResultsCsv: bad files, each with its code, row and column', () => {
  it('Windows-1256 bytes → CSV_ENCODING with the offset and how to re-save', () => {
    // "ليلى" in Windows-1256: E1 ED E1 EC
    const bytes = new Uint8Array([...utf8(HEADER + '\nC-1,'), 0xe1, 0xed, 0xe1, 0xec, ...utf8(',Layla,2010-03-04,BECE-MATH,452\n')]);
    const r = read(bytes);
    expect(r.rows).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'CSV_ENCODING', row: 2 });
    expect(r.issues[0]!.message).toMatch(/not UTF-8.*0xe1.*Windows-1256.*UTF-8/s);
  });

  it('UTF-16 (Excel "Unicode Text") → CSV_ENCODING', () => {
    expect(read(new Uint8Array([0xff, 0xfe, 0x63, 0x00])).issues[0]!.code).toBe('CSV_ENCODING');
  });

  it.each(['candidate_number', 'name', 'name_latin', 'date_of_birth', 'achievement_code', 'result'])('no %s column → CSV_MISSING_COLUMN naming it', (col) => {
    const cols = HEADER.split(',');
    const i = cols.indexOf(col);
    const row = 'C-1,Layla,Layla,2010-03-04,BECE-MATH,452'.split(',');
    cols.splice(i, 1);
    row.splice(i, 1);
    const r = read(cols.join(',') + '\n' + row.join(',') + '\n');
    expect(r.issues).toEqual([expect.objectContaining({ code: 'CSV_MISSING_COLUMN', column: col, row: 1 })]);
    expect(r.rows).toEqual([]);
  });

  it('an unknown column (a typo) → CSV_UNKNOWN_COLUMN', () => {
    expect(read(HEADER + ',grade\nC-1,L,L,2010-03-04,BECE-MATH,452,A\n').issues).toEqual([expect.objectContaining({ code: 'CSV_UNKNOWN_COLUMN', column: 'grade' })]);
  });

  it('the same candidate and achievement twice → CSV_DUPLICATE_KEY naming both rows', () => {
    const r = read(csv('C-1,L,L,2010-03-04,BECE-MATH,452', 'C-2,O,O,2010-03-04,BECE-MATH,1', 'C-1,L,L,2010-03-04,BECE-MATH,453'));
    expect(r.issues).toEqual([expect.objectContaining({ code: 'CSV_DUPLICATE_KEY', row: 4, column: 'achievement_code' })]);
    expect(r.issues[0]!.message).toMatch(/rows 2 and 4/);
  });

  it('one candidate with two names or dates of birth → LEARNER_MISMATCH', () => {
    const r = read(csv('C-1,Layla,Layla,2010-03-04,BECE-MATH,452', 'C-1,Layla,Layla,2010-03-05,BECE-ARAB,A'));
    expect(r.issues).toEqual([expect.objectContaining({ code: 'LEARNER_MISMATCH', row: 3, column: 'date_of_birth' })]);
    expect(r.issues[0]!.message).toMatch(/row 2/);
  });

  it('a result outside the scale → RESULT_OUT_OF_SCALE (row, column), numeric and letter scales', () => {
    const r = check(csv('C-1,L,L,2010-03-04,BECE-MATH,601', 'C-2,O,O,2010-03-04,BECE-MATH,abc', 'C-3,M,M,2010-03-04,BECE-ARAB,G'));
    expect(r.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['RESULT_OUT_OF_SCALE', 2, 'result'], ['RESULT_OUT_OF_SCALE', 3, 'result'], ['RESULT_OUT_OF_SCALE', 4, 'result'],
    ]);
    expect(r.issues[0]!.message).toMatch(/0\.\.600/);
  });

  it('an unknown achievement code → ACHIEVEMENT_UNKNOWN (row, column)', () => {
    const r = check(csv('C-1,L,L,2010-03-04,BECE-PHYS,50'));
    expect(r.issues).toEqual([expect.objectContaining({ code: 'ACHIEVEMENT_UNKNOWN', row: 2, column: 'achievement_code' })]);
  });

  it.each([
    ['2999-01-01', 'DATE_OF_BIRTH_IN_FUTURE'],
    ['2026-06-21', 'DATE_OF_BIRTH_IN_FUTURE'],
    ['04/03/2010', 'DATE_OF_BIRTH_INVALID'],
    ['2010-02-30', 'DATE_OF_BIRTH_INVALID'],
    ['1850-01-01', 'DATE_OF_BIRTH_INVALID'],
    ['', 'DATE_OF_BIRTH_INVALID'],
  ])('date of birth %j → %s', (dob, code) => {
    expect(read(csv(`C-1,L,L,${dob},BECE-MATH,452`)).issues).toEqual([expect.objectContaining({ code, row: 2, column: 'date_of_birth' })]);
  });

  it.each([
    ['an empty name', 'C-1,,L,2010-03-04,BECE-MATH,452', 'name'],
    ['a Latin name in Arabic letters', 'C-1,ليلى,ليلى,2010-03-04,BECE-MATH,452', 'name_latin'],
    ['a control character in a name', 'C-1,"L\u0007",L,2010-03-04,BECE-MATH,452', 'name'],
    ['a candidate number with markup', 'C-1<b>,L,L,2010-03-04,BECE-MATH,452', 'candidate_number'],
    ['a name past 120 characters', `C-1,${'x'.repeat(121)},L,2010-03-04,BECE-MATH,452`, 'name'],
    ['a learner_id that is no URI', null, 'learner_id'],
  ])('%s → CELL_INVALID naming the column', (_l, row, column) => {
    const text = row === null ? HEADER + ',learner_id\nC-1,L,L,2010-03-04,BECE-MATH,452,not a uri\n' : csv(row);
    const issues = read(text).issues;
    expect(issues).toEqual([expect.objectContaining({ code: 'CELL_INVALID', row: 2, column })]);
  });

  it.each([
    ['an unclosed quote', csv('C-1,"Layla,L,2010-03-04,BECE-MATH,452')],
    ['a quote inside an unquoted cell', csv('C-1,La"yla,L,2010-03-04,BECE-MATH,452')],
    ['text after a closing quote', csv('C-1,"Layla"x,L,2010-03-04,BECE-MATH,452')],
    ['a row with a cell too many', csv('C-1,Layla,L,2010-03-04,BECE-MATH,452,extra')],
  ])('%s → CSV_SYNTAX with its line (strict quoting)', (_l, text) => {
    const r = read(text);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'CSV_SYNTAX', row: 2 })]);
  });

  it('an empty file or a header alone → CSV_EMPTY', () => {
    expect(read('').issues[0]!.code).toBe('CSV_EMPTY');
    expect(read(HEADER + '\n').issues[0]!.code).toBe('CSV_EMPTY');
  });

  it.each([
    ['name', 'C-1,Layla \u202EdamhA,Layla Ahmad,2010-03-04,BECE-MATH,452'],
    ['name', 'C-1,ليلى\u200Bأحمد,Layla Ahmad,2010-03-04,BECE-MATH,452'],
    ['name_latin', 'C-1,ليلى أحمد,Layla\u2066 Ahmad,2010-03-04,BECE-MATH,452'],
  ])('a %s with invisible or bidi-control characters → NAME_INVISIBLE_CHARACTERS (as the API refuses it)', (column, row) => {
    expect(read(csv(row)).issues).toEqual([expect.objectContaining({ code: 'NAME_INVISIBLE_CHARACTERS', row: 2, column })]);
  });

  it('reports every problem of the file, not just the first', () => {
    const r = check(csv('C-1,L,L,2999-01-01,BECE-MATH,452', 'C-2,O,O,2010-03-04,NOPE,1', 'C-3,M,M,2010-03-04,BECE-MATH,999'));
    expect(r.issues.map((i) => i.code).sort()).toEqual(['ACHIEVEMENT_UNKNOWN', 'DATE_OF_BIRTH_IN_FUTURE', 'RESULT_OUT_OF_SCALE']);
  });
});

describe('CSV this tool writes (toCsv)', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('%j is written with a leading quote', (cell) => {
    expect(neutralizeCell(cell)).toBe(`'${cell}`);
  });

  it('property: parsing what toCsv wrote gives every cell back, neutralised', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const back = parse(toCsv(table), { bom: true, relax_column_count: false, record_delimiter: '\r\n' }) as string[][];
        expect(back).toEqual(table.map((r) => r.map(neutralizeCell)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('fileSlug', () => {
  it('keeps safe names and separates unsafe ones by a hash', () => {
    expect(fileSlug('C-17')).toBe('C-17');
    expect(fileSlug('A/12')).not.toBe(fileSlug('A_12'));
    expect(fileSlug('../../etc')).toMatch(/^[A-Za-z0-9][A-Za-z0-9._~-]*$/);
    expect(fileSlug('../../etc')).not.toContain('..');
  });
});

/** The file in chunks of `size` bytes, so that cells, lines and UTF-8 characters are cut across chunks. */
async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function scan(bytes: Uint8Array, size: number, opts: { maxRows?: number; maxBytes?: number; acrossRows?: boolean } = {}) {
  const s = scanResultsCsv(chunks(bytes, size), { now: NOW, ...opts });
  const rows = [];
  for await (const r of s.rows) rows.push(r);
  return { rows, ...s.summary() };
}

describe('scanResultsCsv: the streaming reader gives what readResultsCsv gives', () => {
  it('on every file read above, in chunks of 1, 7 and 64 KiB bytes: same rows, same total, same issues', async () => {
    expect(seen.length).toBeGreaterThan(30);
    for (const bytes of seen) {
      const whole = readResultsCsv(bytes, { now: NOW });
      for (const size of [1, 7, 65_536]) {
        const streamed = await scan(bytes, size);
        const label = `${new TextDecoder().decode(bytes.subarray(0, 80))}… in chunks of ${size}`;
        expect({ label, rows: streamed.rows, total: streamed.total, issues: streamed.issues, header: streamed.header })
          .toEqual({ label, rows: whole.rows, total: whole.total, issues: whole.issues, header: whole.header });
      }
    }
  });

  it('property: any generated file, cut anywhere, reads the same both ways', async () => {
    const cell = fc.constantFrom('C-1', 'C-2', 'ليلى', 'Layla', '2010-03-04', '2999-01-01', 'BECE-MATH', '452', '', '"a,b"', 'x"y', ' ', '\u202E');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 5, maxLength: 7 }), { maxLength: 6 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom('\n', '\r\n'), async (rows, size, eol) => {
        const bytes = utf8([HEADER, ...rows.map((r) => r.join(','))].join(eol) + eol);
        const whole = readResultsCsv(bytes, { now: NOW });
        const streamed = await scan(bytes, size);
        expect({ rows: streamed.rows, total: streamed.total, issues: streamed.issues }).toEqual({ rows: whole.rows, total: whole.total, issues: whole.issues });
      }),
      { numRuns: 150 },
    );
  });

  it('a later pass without the checks across rows gives the same rows and the same issues less the cross-row ones', async () => {
    const CROSS = new Set(['CSV_DUPLICATE_KEY', 'LEARNER_MISMATCH']);
    let crossSeen = 0;
    for (const bytes of seen) {
      const full = await scan(bytes, 65_536);
      const later = await scan(bytes, 65_536, { acrossRows: false });
      crossSeen += full.issues.filter((i) => CROSS.has(i.code)).length;
      expect({ rows: later.rows, total: later.total, sha256: later.sha256, issues: later.issues })
        .toEqual({ rows: full.rows, total: full.total, sha256: full.sha256, issues: full.issues.filter((i) => !CROSS.has(i.code)) });
    }
    expect(crossSeen).toBeGreaterThan(0);
  });

  it('a file past the streaming limits → CSV_TOO_LARGE; the SHA-256 of what was read is given', async () => {
    const text = csv('C-1,L,L,2010-03-04,BECE-MATH,452', 'C-2,L,L,2010-03-04,BECE-MATH,452', 'C-3,L,L,2010-03-04,BECE-MATH,452');
    expect((await scan(utf8(text), 10, { maxRows: 2 })).issues).toEqual([expect.objectContaining({ code: 'CSV_TOO_LARGE', row: 0 })]);
    expect((await scan(utf8(text), 10, { maxBytes: 50 })).issues).toEqual([expect.objectContaining({ code: 'CSV_TOO_LARGE', row: 0 })]);
    const ok = await scan(utf8(text), 10);
    expect(ok.issues).toEqual([]);
    expect(ok.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(ok.bytes).toBe(utf8(text).length);
  });
});
