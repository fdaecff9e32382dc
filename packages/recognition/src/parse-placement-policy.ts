import { DEFAULT_POLICY_DATA } from './data/default-policy.ts';
import { RecognitionError } from './errors.ts';
import { zPlacementPolicy, zPlacementPolicyFile, type PlacementPolicy } from './z-placement-policy.ts';

/** The project's defaults (data/default-policy.json). */
export const DEFAULT_PLACEMENT_POLICY: PlacementPolicy = zPlacementPolicy.parse(DEFAULT_POLICY_DATA);

/** A policy file is small; anything larger is not one. */
const MAX_POLICY_CHARS = 64 * 1024;

/**
 * A policy file's text (or parsed JSON) over the defaults. Text that is not JSON →
 * POLICY_NOT_JSON; an unknown key, a wrong type or a number out of range → POLICY_INVALID with
 * the JSON path. Nothing is half-applied: the whole file is checked first.
 *
 * @example const policy = parsePlacementPolicy('{"maxYearsBelowAgeGrade": 1}');
 */
export function parsePlacementPolicy(input: string | unknown): PlacementPolicy {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_POLICY_CHARS) throw new RecognitionError('POLICY_INVALID', `a policy file is at most ${MAX_POLICY_CHARS} characters`);
    try {
      value = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new RecognitionError('POLICY_NOT_JSON', `the policy file is not JSON: ${(err as Error).message}`);
    }
  }
  const parsed = zPlacementPolicyFile.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = '$' + (issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new RecognitionError('POLICY_INVALID', `policy: ${issue?.message ?? 'invalid'} at ${path}`, path);
  }
  const file = parsed.data;
  return { ...DEFAULT_PLACEMENT_POLICY, ...file, countries: { ...DEFAULT_PLACEMENT_POLICY.countries, ...(file.countries ?? {}) } } as PlacementPolicy;
}
