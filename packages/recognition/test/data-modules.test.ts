// The browser-safe modules in src/data/ are generated from the data files; they must not drift,
// and the dataset must be the copy its SOURCE note names (224 rows, the 24 focus countries complete).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { EDUCATION_SYSTEMS_CSV } from '../src/data/education-systems-csv.ts';
import { DEFAULT_POLICY_DATA } from '../src/data/default-policy.ts';
import { MESSAGES_EN_DATA } from '../src/data/messages-en.ts';
import { DEFAULT_PLACEMENT_POLICY, findEducationSystem, listEducationSystems, loadEducationSystems, RecognitionError } from '../src/index.ts';

const data = (f: string) => readFileSync(new URL(`../data/${f}`, import.meta.url), 'utf8');

describe('data modules', () => {
  it('each generated module equals its data file', () => {
    expect(EDUCATION_SYSTEMS_CSV).toBe(data('education-systems.csv'));
    expect(DEFAULT_POLICY_DATA).toEqual(JSON.parse(data('default-policy.json')));
    expect(MESSAGES_EN_DATA).toEqual(JSON.parse(data('messages.en.json')));
    expect(DEFAULT_PLACEMENT_POLICY).toEqual(JSON.parse(data('default-policy.json')));
  });

  it('the dataset is the byte-identical copy named in SOURCE.md', () => {
    const sha = (f: string) => createHash('sha256').update(readFileSync(new URL(`../data/${f}`, import.meta.url))).digest('hex');
    expect(sha('education-systems.csv')).toBe('89c42ed2f4d9fb47cb0308a792da7659d7af21d7c82a46b83e7f07808cbe2b47');
    expect(sha('SOURCES.md')).toBe('072fdd9d28485855e7abd862e77602e26d1942e7177831e5c104aa8f3ae21672');
  });

  it('224 countries, 221 complete; the 24 focus countries complete', () => {
    const all = listEducationSystems();
    expect(all).toHaveLength(224);
    expect(all.filter((s) => !s.complete).map((s) => s.iso3).sort()).toEqual(['FLK', 'GUM', 'NFK']);
    const focus = ['SYR', 'TUR', 'UKR', 'KEN', 'POL', 'IRN', 'SDN', 'LBN', 'EGY', 'ETH', 'BGD', 'SOM', 'IRQ', 'JOR', 'SSD', 'AFG', 'PAK', 'MMR', 'DEU', 'COL', 'VEN', 'UGA', 'COD', 'TCD'];
    for (const c of focus) expect(findEducationSystem(c).complete).toBe(true);
    expect(findEducationSystem('sy')).toMatchObject({ iso3: 'SYR', levels: [{ level: 1, entranceAge: 6, firstGrade: 1, lastGrade: 6 }, { level: 2, firstGrade: 7, lastGrade: 9 }, { level: 3, firstGrade: 10, lastGrade: 12 }], schoolYearStartMonth: 9 });
  });

  it('a grade map that does not follow the durations is refused (DATA_INVALID)', () => {
    const broken = data('education-systems.csv').replace('SYR,SY,Syrian Arab Republic,6,6,12,3,15,3,2023,9,1-6:1;7-9:2', 'SYR,SY,Syrian Arab Republic,6,6,12,3,15,3,2023,9,1-5:1;6-9:2');
    expect(() => loadEducationSystems(broken)).toThrow(expect.objectContaining({ code: 'DATA_INVALID' }) as unknown as RecognitionError);
    const badAge = data('education-systems.csv').replace('JOR,JO,Jordan,6,', 'JOR,JO,Jordan,six,');
    expect(() => loadEducationSystems(badAge)).toThrow(expect.objectContaining({ code: 'DATA_INVALID' }) as unknown as RecognitionError);
  });
});
