import type { TrustKey } from './z-trust-bundle.ts';

/** Whether the key may sign this catalogue code: a key without a list may sign every code. */
export function keyMaySign(key: TrustKey, achievementCode: string): boolean {
  return key.achievements === undefined || key.achievements.includes(achievementCode);
}
