import type { CatalogueAchievement } from '@lp/model';
import { IssuerError } from '../../errors.ts';
import type { IssuerProfile } from '../../store/index.ts';
import { buildAchievementCredential } from '../build-achievement-credential.ts';
import type { ResultInput, SubjectInput } from '../build-achievement-credential.ts';
import { checkAwardedDate } from '../check-awarded-date.ts';
import { assertProfile } from './assert-profile.ts';
import { checkLearnerNames } from './check-learner-names.ts';
import type { IssueWarning } from './check-learner-names.ts';
import { randomUrnUuid } from './random-id.ts';
import { isoSeconds } from './time.ts';

export interface CatalogueCredentialInput {
  achievement: string;
  subject?: SubjectInput;
  result?: ResultInput;
  session?: string;
  awardedDate?: string;
}

export interface PreparedCatalogueCredential {
  unsigned: Record<string, unknown>;
  codes: string[];
  learnerName: string;
  warnings: IssueWarning[];
}

/**
 * The unsigned credential of a catalogue issuance (an achievement code, a learner and a result),
 * checked as issuance requires: the code in the catalogue, the award date, the OB 3.0 profile and
 * the learner's names. Shared by `issueCredential` and the bulk signing threads so that both
 * build the same credential from the same row.
 *
 * Throws IssuerError ACHIEVEMENT_UNKNOWN, CREDENTIAL_INVALID, RESULT_OUT_OF_SCALE, DATE_IN_FUTURE,
 * NAME_INVISIBLE_CHARACTERS.
 */
export function prepareCatalogueCredential(
  input: CatalogueCredentialInput,
  ctx: { profile: IssuerProfile; catalogue: readonly CatalogueAchievement[]; now: Date; baseUrl: string; random: (n: number) => Uint8Array },
): PreparedCatalogueCredential {
  const entry = ctx.catalogue.find((e) => e.code === input.achievement);
  if (!entry) throw new IssuerError('ACHIEVEMENT_UNKNOWN', `no achievement "${input.achievement}" in the catalogue`, '$.options.achievement');
  if (!input.subject) throw new IssuerError('CREDENTIAL_INVALID', 'options.subject is required with options.achievement', '$.options.subject');
  const awarded = input.awardedDate !== undefined ? checkAwardedDate(input.awardedDate, ctx.now) : isoSeconds(ctx.now);
  const unsigned = buildAchievementCredential({
    id: randomUrnUuid(ctx.random), profile: ctx.profile, entry, subject: input.subject, validFrom: awarded, baseUrl: ctx.baseUrl,
    ...(input.result !== undefined ? { result: input.result } : {}),
    ...(input.session !== undefined ? { session: input.session } : {}),
  });
  assertProfile(unsigned);
  const warnings = checkLearnerNames([
    { text: input.subject.name, path: '$.options.subject.name' },
    ...(input.subject.nameLatin !== undefined ? [{ text: input.subject.nameLatin, path: '$.options.subject.nameLatin' }] : []),
  ]);
  return { unsigned, codes: [entry.code], learnerName: input.subject.name, warnings };
}
