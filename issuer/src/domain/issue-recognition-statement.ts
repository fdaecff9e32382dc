import { CatalogueAchievementSchema } from '@lp/model';
import { findEducationSystem, RecognitionError } from '@lp/recognition';
import { IssuerError } from '../errors.ts';
import { addAchievements } from './add-achievements.ts';
import { buildRecognitionStatement } from './build-recognition-statement.ts';
import { checkAwardedDate } from './check-awarded-date.ts';
import { issueCredential, type IssuedCredential } from './issue-credential.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import type { IssueWarning } from './lib/check-learner-names.ts';
import { randomUrnUuid } from './lib/random-id.ts';
import { isoSeconds } from './lib/time.ts';
import { RECOGNITION_ASSESSMENT_ONLY_CODE, RECOGNITION_CATALOGUE, RECOGNITION_STATEMENT_CODE } from './recognition-catalogue.ts';
import { zRecognitionDecision, type RecognitionDecision } from './z-recognition-decision.ts';

/** EQPR assessments are valid five years; a school may state a shorter or longer validity. */
export const DEFAULT_STATEMENT_YEARS = 5;

export interface IssueRecognitionStatementInput {
  /** The decision as the school recorded it (a JSON decision file, an HTTP body, the page's form). */
  decision: unknown;
  /** A one-time pick-up code for the learner's wallet; default true. */
  pickup?: boolean;
  actor: string;
}

export interface IssuedStatement extends IssuedCredential {
  /** True when no document or credential was considered: interview and placement tests only. */
  assessmentOnly: boolean;
  validFrom: string;
  validUntil: string;
}

/**
 * Issues a recognition statement: the school's (or recognition office's) placement decision as an
 * OB 3.0 AchievementCredential with its QR seal and a pick-up code, through the one issuance path
 * (status entries, seal budget, one transaction). Every check runs before anything is written:
 * DECISION_INVALID (schema, with its path), ASSESSOR_MISSING, ASSESSORS_TOO_MANY, EVIDENCE_MISSING,
 * COUNTRY_UNKNOWN, PLACEMENT_INVALID (another country than the issuer's, or a grade it does not
 * have), DATE_IN_FUTURE, VALIDITY_IN_PAST. A credential considered whose verdict was not VALID is
 * recorded with its verdict and answered with the warning EVIDENCE_NOT_VALID.
 *
 * @example
 * const s = await issueRecognitionStatement(deps, { decision: { learner: { name: 'Sami Nasser' },
 *   placement: { country: 'JO', grade: 7 }, evidence: { interview: {} }, assessors: [{ name: 'R. Khalil' }] }, actor: 'cli' });
 */
export async function issueRecognitionStatement(deps: IssuerDeps, input: IssueRecognitionStatementInput): Promise<IssuedStatement> {
  const d = parseDecision(input.decision);
  if (d.assessors.length === 0) throw new IssuerError('ASSESSOR_MISSING', 'name the assessor who made the decision (one or two)', '$.assessors');
  if (d.assessors.length > 2) throw new IssuerError('ASSESSORS_TOO_MANY', `${d.assessors.length} assessors: a statement names one or two`, '$.assessors');
  const e = d.evidence;
  const papers = (e.credentials?.length ?? 0) + (e.documents?.length ?? 0);
  const assessed = (e.interview !== undefined ? 1 : 0) + (e.placementTests?.length ?? 0);
  if (papers + assessed === 0) throw new IssuerError('EVIDENCE_MISSING', 'a statement needs what it rests on: credentials, documents sighted, an interview or a placement test', '$.evidence');

  const profile = await deps.store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
  let system;
  try {
    system = findEducationSystem(d.placement.country);
  } catch (err) {
    if (err instanceof RecognitionError) throw new IssuerError('COUNTRY_UNKNOWN', err.message, '$.placement.country');
    throw err;
  }
  if (system.iso2 !== profile.country) {
    throw new IssuerError('PLACEMENT_INVALID', `this issuer places learners in ${profile.country}'s schools, not in ${system.name}`, '$.placement.country');
  }
  let iscedLevel: string | undefined;
  const g = d.placement.grade;
  if (g !== undefined && g > 0) {
    const level = system.levels.find((l) => g >= l.firstGrade && g <= l.lastGrade);
    if (!level) throw new IssuerError('PLACEMENT_INVALID', `${system.name} has no Grade ${g} (grades 1–${system.levels.at(-1)!.lastGrade})`, '$.placement.grade');
    iscedLevel = String(level.level);
  }

  const now = deps.clock();
  const validFrom = d.date !== undefined ? checkAwardedDate(d.date, now, '$.date') : isoSeconds(now);
  const validUntil = d.validUntil !== undefined ? `${d.validUntil}T23:59:59Z` : plusYears(validFrom, DEFAULT_STATEMENT_YEARS);
  if (Date.parse(validUntil) <= now.getTime() || Date.parse(validUntil) <= Date.parse(validFrom)) {
    throw new IssuerError('VALIDITY_IN_PAST', `validUntil ${validUntil.slice(0, 10)} is not after today and the decision date`, '$.validUntil');
  }

  const assessmentOnly = papers === 0;
  const code = assessmentOnly ? RECOGNITION_ASSESSMENT_ONLY_CODE : RECOGNITION_STATEMENT_CODE;
  const entry = await ensureCatalogueEntry(deps, code, input.actor);
  const unsigned = buildRecognitionStatement({
    id: randomUrnUuid(deps.random), profile, entry, decision: d, countryName: system.name, iscedLevel,
    validFrom, validUntil, baseUrl: deps.baseUrl,
  });
  const issued = await issueCredential(deps, { credential: unsigned, seal: true, pickup: input.pickup ?? true, actor: input.actor });
  const notValid: IssueWarning[] = (e.credentials ?? []).flatMap((c, i) => c.verdict === 'VALID' ? [] : [{
    code: 'EVIDENCE_NOT_VALID',
    message: `evidence credential ${c.id} was ${c.verdict} when considered: recorded as seen, not as completed learning`,
    path: `$.evidence.credentials[${i}]`,
  }]);
  return { ...issued, warnings: [...issued.warnings, ...notValid], assessmentOnly, validFrom, validUntil };
}

function parseDecision(value: unknown): RecognitionDecision {
  const r = zRecognitionDecision.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = '$' + issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  throw new IssuerError('DECISION_INVALID', `${issue.message} at ${path}`, path);
}

/** The statement's catalogue entry, added (with its audit entry) when an older issuer lacks it. */
async function ensureCatalogueEntry(deps: IssuerDeps, code: string, actor: string) {
  const held = await deps.store.getAchievement(code);
  if (held) return CatalogueAchievementSchema.parse(held.entry);
  const entry = CatalogueAchievementSchema.parse(RECOGNITION_CATALOGUE.find((x) => x.code === code));
  await addAchievements(deps.store, [entry], { now: deps.clock(), actor });
  return entry;
}

function plusYears(iso: string, years: number): string {
  const d = new Date(iso);
  return `${String(d.getUTCFullYear() + years).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}T23:59:59Z`;
}
