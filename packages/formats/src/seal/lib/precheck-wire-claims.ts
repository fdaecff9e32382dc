// The claim map toWireSealClaims builds is checked against zWireSealClaims before it is signed.
// For the shapes a catalogue issuance writes (an achievement by its code, a result, status
// entries), this decides "valid" straight on the Map without copying it to objects for zod;
// anything it does not know, and every failure, is zod's to decide and describe. It must never
// pass what zod refuses (packages/formats/test/seal-precheck.test.ts holds it to that).

const EPOCH_MAX = 2 ** 40;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const text = (v: unknown, max: number): boolean => typeof v === 'string' && v.length >= 1 && v.length <= max;
const int = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const epoch = (v: unknown): boolean => int(v, 0, EPOCH_MAX);

function achievementOk(a: unknown): boolean {
  if (!(a instanceof Map) || !text(a.get(1), 64)) return false;
  for (const [k, v] of a as Map<unknown, unknown>) {
    switch (k) {
      case 1:
        break;
      case 2:
        if (!int(v, 0, 999_999_999) && !text(v, 64)) return false;
        break;
      case 3:
        if (!int(v, 0, 6)) return false;
        break;
      case 6:
        if (!epoch(v)) return false;
        break;
      case 7:
        if (!int(v, 0, 12)) return false;
        break;
      case 8:
        if (!Array.isArray(v) || v.length < 1 || v.length > 16) return false;
        for (const c of v) if (!Array.isArray(c) || c.length !== 2 || !int(c[0], 0, 63) || !text(c[1], 40)) return false;
        break;
      case 9:
        if (!int(v, 0, 4)) return false;
        break;
      default:
        // 4 and 5 (id and name: an achievement outside the catalogue) and anything else: zod.
        return false;
    }
  }
  return true;
}

function statusOk(s: unknown): boolean {
  return s instanceof Map && s.size === 3 && int(s.get(1), 0, 1) && text(s.get(2), 512) && int(s.get(3), 0, 2 ** 32 - 1);
}

/** True only when `m` surely passes zWireSealClaims; false means "ask zod". */
export function precheckWireClaims(m: Map<number, unknown>): boolean {
  const first = m.get(1);
  if (!(first instanceof Uint8Array ? first.length === 16 : text(first, 256))) return false;
  if (!text(m.get(2), 256) || !text(m.get(3), 256) || !epoch(m.get(4)) || !text(m.get(6), 256)) return false;
  const achievements = m.get(8);
  if (!Array.isArray(achievements) || achievements.length < 1 || achievements.length > 32) return false;
  const kind = m.get(10);
  if (!int(kind, 0, 1) || (kind === 0 && achievements.length !== 1)) return false;
  for (const [k, v] of m) {
    switch (k) {
      case 1: case 2: case 3: case 4: case 6: case 10:
        break;
      case 5:
        if (!epoch(v) || (v as number) <= (m.get(4) as number)) return false;
        break;
      case 7:
        if (typeof v !== 'string' || !DATE.test(v)) return false;
        break;
      case 8:
        for (const a of achievements) if (!achievementOk(a)) return false;
        break;
      case 9:
        if (!Array.isArray(v) || v.length < 1 || v.length > 4) return false;
        for (const s of v) if (!statusOk(s)) return false;
        break;
      case 11:
        if (!text(v, 64)) return false;
        break;
      case 13:
        if (!epoch(v)) return false;
        break;
      case 14:
        if (!text(v, 256)) return false;
        break;
      default:
        // 12 (a record digest) and anything else: zod.
        return false;
    }
  }
  return true;
}
