import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { createSealClaims } from '../src/seal/create-seal-claims.ts';
import { precheckWireClaims } from '../src/seal/lib/precheck-wire-claims.ts';
import { cborMapsToObjects, toWireSealClaims, zWireSealClaims } from '../src/seal/z-seal-claims.ts';
import { GRADE9_CATALOGUE, KEY_ID, TRANSCRIPT_CATALOGUE, grade9, transcript9 } from './seal-fixtures.ts';

// Before a seal is signed its claim map passes the claim schema. precheckWireClaims answers
// "valid" for the common shapes without zod; it may say "ask zod" for anything, but must never
// pass a map zod refuses. Held here over maps built near every limit of the schema.

const zodAccepts = (m: Map<number, unknown>): boolean => zWireSealClaims.safeParse(cborMapsToObjects(m)).success;

const len = (...ns: number[]) => fc.constantFrom(...ns).map((n) => 'é'.repeat(n));
const str = (max: number) => fc.oneof(len(0, 1, max - 1, max, max + 1), fc.string({ maxLength: 3 }));
const intNear = (min: number, max: number) => fc.oneof(fc.constantFrom(min - 1, min, min + 1, max - 1, max, max + 1, 0.5, -0, Number.NaN, Infinity), fc.integer({ min, max }));
const anyValue = fc.oneof(str(64), intNear(0, 999_999_999), fc.constant(null), fc.constant(new Uint8Array(16)), fc.array(fc.nat(3), { maxLength: 2 }));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const achievement = fc.record({
  1: opt(str(64)), 2: opt(fc.oneof(intNear(0, 999_999_999), str(64))), 3: opt(intNear(0, 6)), 4: opt(str(512)), 5: opt(fc.constant(new Map([['en', 'Maths']]))),
  6: opt(intNear(0, 2 ** 40)), 7: opt(intNear(0, 12)),
  8: opt(fc.array(fc.oneof(fc.tuple(intNear(0, 63), str(40)), fc.constant([1]), fc.constant([1, 'A', 'B']), anyValue), { minLength: 0, maxLength: 17 })), 9: opt(intNear(0, 4)), 15: opt(anyValue),
}, { requiredKeys: [] });
const status = fc.record({ 1: opt(intNear(0, 1)), 2: opt(str(512)), 3: opt(intNear(0, 2 ** 32 - 1)), 4: opt(anyValue) }, { requiredKeys: [] });
const toMap = (o: Record<string, unknown>): Map<number, unknown> => {
  const m = new Map<number, unknown>();
  for (const [k, v] of Object.entries(o)) if (v !== undefined) m.set(Number(k), v);
  return m;
};
/** A value for claim `k` of the map, near its limits or of the wrong type; undefined deletes it. */
const claimValue: Record<number, fc.Arbitrary<unknown>> = {
  1: fc.oneof(fc.constantFrom(new Uint8Array(15), new Uint8Array(16), new Uint8Array(17)), str(256)),
  2: str(256), 3: str(256), 4: intNear(0, 2 ** 40), 5: intNear(0, 2 ** 40), 6: str(256),
  7: fc.constantFrom('2010-03-04', '2010-3-04', '', '١٢٣٤-٠١-٠١', '2010-03-04\n', 20100304),
  8: fc.oneof(fc.array(achievement.map(toMap), { minLength: 0, maxLength: 3 }), fc.constant(Array.from({ length: 33 }, () => new Map([[1, 'X']]))), anyValue),
  9: fc.oneof(fc.array(status.map(toMap), { minLength: 0, maxLength: 5 }), anyValue),
  10: intNear(0, 1), 11: str(64), 12: fc.constantFrom(new Uint8Array(16), new Uint8Array(3)), 13: intNear(0, 2 ** 40), 14: str(256), 15: anyValue,
};
const base = (): Map<number, unknown> => new Map<number, unknown>([
  [1, new Uint8Array(16)], [2, 'did:web:exams.example'], [3, '#key-1'], [4, 1_780_000_000], [6, 'ليلى أحمد'], [7, '2010-03-04'],
  [8, [new Map<number, unknown>([[1, 'BECE-MATH'], [2, 452], [3, 0], [6, 1_780_000_000]])]],
  [9, [new Map<number, unknown>([[1, 0], [2, 'https://exams.example/status/r1'], [3, 7]]), new Map<number, unknown>([[1, 1], [2, 'https://exams.example/status/s1'], [3, 7]])]],
  [10, 0], [11, '2026-06'], [13, 1_780_000_000], [14, 'Layla Ahmad'],
]);
/** Values for an achievement's and a status entry's fields, near their limits or of the wrong type. */
const achievementValue: Record<number, fc.Arbitrary<unknown>> = {
  1: str(64), 2: fc.oneof(intNear(0, 999_999_999), str(64)), 3: intNear(0, 6), 4: str(512), 5: fc.constant(new Map([['en', 'Maths']])), 6: intNear(0, 2 ** 40),
  7: intNear(0, 12), 8: fc.array(fc.oneof(fc.tuple(intNear(0, 63), str(40)), fc.constant([1]), fc.constant([1, 'A', 'B']), anyValue), { minLength: 0, maxLength: 17 }), 9: intNear(0, 4), 10: anyValue,
};
const statusValue: Record<number, fc.Arbitrary<unknown>> = { 1: intNear(0, 1), 2: str(512), 3: intNear(0, 2 ** 32 - 1), 4: anyValue };
type Change = { at: 'top' | 'achievement' | 'status'; k: number; v: unknown } | { at: 'second achievement' };
const change = (at: 'top' | 'achievement' | 'status', values: Record<number, fc.Arbitrary<unknown>>): fc.Arbitrary<Change> =>
  fc.constantFrom(...Object.keys(values).map(Number)).chain((k) => fc.option(values[k]!, { nil: undefined, freq: 5 }).map((v) => ({ at, k, v })));
const mutation: fc.Arbitrary<Change> = fc.oneof(change('top', claimValue), change('achievement', achievementValue), change('status', statusValue), fc.constant({ at: 'second achievement' as const }));
const claims = fc.array(mutation, { minLength: 0, maxLength: 3 }).map((changes) => {
  const m = base();
  for (const c of changes) {
    if (c.at === 'second achievement') {
      const list = m.get(8);
      if (Array.isArray(list)) m.set(8, [...list, new Map([[1, 'BECE-ARAB']])]);
      continue;
    }
    const target = c.at === 'top' ? m : ((m.get(c.at === 'achievement' ? 8 : 9) as unknown[] | undefined)?.[0] as Map<number, unknown> | undefined);
    if (!(target instanceof Map)) continue;
    if (c.v === undefined) target.delete(c.k);
    else target.set(c.k, c.v);
  }
  return m;
});

describe('precheckWireClaims never passes what the claim schema refuses', () => {
  test('the seals a catalogue issuance writes pass the pre-check (so zod is skipped for them)', () => {
    expect(precheckWireClaims(toWireSealClaims(createSealClaims(grade9(), GRADE9_CATALOGUE, { keyId: KEY_ID })))).toBe(true);
    expect(precheckWireClaims(toWireSealClaims(createSealClaims(transcript9(), TRANSCRIPT_CATALOGUE, { keyId: KEY_ID })))).toBe(true);
  });

  test('property: pre-check true ⇒ zod accepts (maps near every limit, with unknown keys and wrong types)', () => {
    let passed = 0;
    let refused = 0;
    fc.assert(
      fc.property(claims, (m) => {
        const pre = precheckWireClaims(m);
        const ok = zodAccepts(m);
        if (pre) passed++;
        if (!ok) refused++;
        expect(pre && !ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
    // The runs must reach both sides, or the property proves nothing.
    expect(passed).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(1500);
  });

  test('property: valid catalogue-shaped maps pass both; each one-field break is refused by both', () => {
    const good = fc.record({
      id: fc.uint8Array({ minLength: 16, maxLength: 16 }), name: fc.string({ minLength: 1, maxLength: 256 }), at: fc.integer({ min: 0, max: 2 ** 40 - 1 }),
      value: fc.oneof(fc.integer({ min: 0, max: 999_999_999 }), fc.string({ minLength: 1, maxLength: 64 })), index: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    });
    fc.assert(
      fc.property(good, fc.constantFrom('none', 'name', 'at', 'value', 'index', 'kind', 'expires'), (g, broken) => {
        const m = new Map<number, unknown>([
          [1, g.id], [2, 'did:web:exams.example'], [3, '#key-1'], [4, g.at], [6, broken === 'name' ? '' : g.name],
          [8, [new Map<number, unknown>([[1, 'BECE-MATH'], [2, broken === 'value' ? 1_000_000_000 : g.value], [3, 0]])]],
          [9, [new Map<number, unknown>([[1, 0], [2, 'https://exams.example/status/r1'], [3, broken === 'index' ? 2 ** 32 : g.index]])]],
          [10, broken === 'kind' ? 2 : 0], [11, '2026-06'], [13, g.at],
        ]);
        if (broken === 'at') m.set(4, 2 ** 40 + 1);
        if (broken === 'expires') m.set(5, g.at);
        expect([broken, precheckWireClaims(m), zodAccepts(m)]).toEqual(broken === 'none' ? [broken, true, true] : [broken, false, false]);
      }),
      { numRuns: 2000 },
    );
  });
});
