import { typesOf } from './z-primitives.ts';

export type CredentialKind = 'ClrCredential' | 'AchievementCredential' | 'OpenBadgeCredential' | 'VerifiableCredential';

/**
 * Which profile a credential claims by its `type` (VC 2.0 §4.5), before any validation:
 * CLR first (a ClrCredential is never also an AchievementCredential), then Open Badges, else a
 * plain VC. Returns undefined when the value is not an object claiming 'VerifiableCredential'.
 */
export function detectCredentialKind(credential: unknown): CredentialKind | undefined {
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) return undefined;
  const types = typesOf((credential as Record<string, unknown>).type);
  if (!types.includes('VerifiableCredential')) return undefined;
  if (types.includes('ClrCredential')) return 'ClrCredential';
  if (types.includes('AchievementCredential')) return 'AchievementCredential';
  if (types.includes('OpenBadgeCredential')) return 'OpenBadgeCredential';
  return 'VerifiableCredential';
}
