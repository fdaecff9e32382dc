// Whether the records added to one summary name one learner. The school adds files, a wallet's
// presentation and seals scanned one after another; a record of a sibling or a stranger slipped in
// would silently feed another child's grades into this child's placement. Names are compared
// loosely (case, accents, spacing, the Latin form against the written one) because the same
// learner is spelt differently across borders; birth dates exactly.

/** Who a record names, as the verification display gives it. */
export interface LearnerIdentity {
  name?: string | undefined;
  nameLatin?: string | undefined;
  birthDate?: string | undefined;
}

/** One learner the records name, and the timeline items naming them. */
export interface NamedLearner extends LearnerIdentity {
  items: number[];
}

/**
 * LEARNERS_DIFFER: the records name more than one learner — by name, by birth date or both.
 * Never changes what is counted: the school looks, and removes the records that are not this child's.
 */
export interface LearnerWarning {
  code: 'LEARNERS_DIFFER';
  differ: ('name' | 'birthDate')[];
  learners: NamedLearner[];
}

function key(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').replace(/[\s\-'’.]+/gu, ' ').trim();
}

function names(l: LearnerIdentity): Set<string> {
  return new Set([l.name, l.nameLatin].filter((n): n is string => typeof n === 'string' && n.trim() !== '').map(key));
}

function day(s: string | undefined): string | undefined {
  return s === undefined ? undefined : s.slice(0, 10);
}

function sameName(a: LearnerIdentity, b: LearnerIdentity): boolean {
  const na = names(a), nb = names(b);
  if (na.size === 0 || nb.size === 0) return true;
  for (const n of na) if (nb.has(n)) return true;
  return false;
}

function sameBirth(a: LearnerIdentity, b: LearnerIdentity): boolean {
  const da = day(a.birthDate), db = day(b.birthDate);
  return da === undefined || db === undefined || da === db;
}

/**
 * Groups the items' learners; more than one group gives a LEARNERS_DIFFER warning naming each
 * learner with their items. Items without a learner (self-declared) are left out.
 */
export function compareLearners(items: readonly (LearnerIdentity | undefined)[]): LearnerWarning | undefined {
  const groups: { who: LearnerIdentity; items: number[] }[] = [];
  items.forEach((who, i) => {
    if (!who || (names(who).size === 0 && who.birthDate === undefined)) return;
    const g = groups.find((x) => sameName(x.who, who) && sameBirth(x.who, who));
    if (!g) {
      groups.push({ who: { ...who }, items: [i] });
      return;
    }
    g.items.push(i);
    // A later record fills in what an earlier one left out (a seal without a birth date).
    if (g.who.birthDate === undefined && who.birthDate !== undefined) g.who.birthDate = who.birthDate;
    if (g.who.nameLatin === undefined && who.nameLatin !== undefined) g.who.nameLatin = who.nameLatin;
    if (g.who.name === undefined && who.name !== undefined) g.who.name = who.name;
  });
  if (groups.length < 2) return undefined;
  const differ: LearnerWarning['differ'] = [];
  const pairs = groups.flatMap((a, i) => groups.slice(i + 1).map((b) => [a.who, b.who] as const));
  if (pairs.some(([a, b]) => !sameName(a, b))) differ.push('name');
  if (pairs.some(([a, b]) => !sameBirth(a, b))) differ.push('birthDate');
  return {
    code: 'LEARNERS_DIFFER',
    differ,
    learners: groups.map((g) => ({
      ...(g.who.name !== undefined ? { name: g.who.name } : {}),
      ...(g.who.nameLatin !== undefined ? { nameLatin: g.who.nameLatin } : {}),
      ...(g.who.birthDate !== undefined ? { birthDate: day(g.who.birthDate) } : {}),
      items: g.items,
    })),
  };
}
