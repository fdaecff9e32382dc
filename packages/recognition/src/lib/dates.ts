/** A calendar day in UTC from `YYYY-MM-DD` or `YYYY-MM` (the 1st); undefined when not a real date. */
export function parseDay(s: string): Date | undefined {
  const m = /^(\d{4})-(\d\d)(?:-(\d\d))?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}

/** Whole calendar months from `a` to `b` (June 2023 → December 2024 is 18), never negative. */
export function monthsBetween(a: Date, b: Date): number {
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) months -= 1;
  return Math.max(0, months);
}

/** Age in whole years on `at`. */
export function ageOn(birth: Date, at: Date): number {
  return Math.floor(monthsBetween(birth, at) / 12);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "June 2023": month and year in English, the parameter of a reason sentence. */
export function monthYear(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
