import type { CatalogueAchievement } from '@lp/model';
import type { AchievementRecord, IssuerStore } from '../store/index.ts';
import { isoSeconds } from './lib/time.ts';

/**
 * Adds or replaces catalogue entries (already validated by parseCatalogueFile /
 * validateCatalogueEntries), all in one transaction, each with its audit entry.
 */
export async function addAchievements(
  store: IssuerStore,
  entries: readonly CatalogueAchievement[],
  ctx: { now: Date; actor: string },
): Promise<AchievementRecord[]> {
  const at = isoSeconds(ctx.now);
  return store.transaction(async (tx) => {
    const out: AchievementRecord[] = [];
    for (const entry of entries) {
      const existed = (await tx.getAchievement(entry.code)) !== null;
      out.push(await tx.upsertAchievement(entry.code, entry, at));
      await tx.appendAudit({ at, actor: ctx.actor, action: existed ? 'achievement.update' : 'achievement.add', target: entry.code, details: { entry } });
    }
    return out;
  });
}
