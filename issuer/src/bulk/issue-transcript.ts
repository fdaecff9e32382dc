import { issueCredential } from '../domain/issue-credential.ts';
import type { IssuedCredential } from '../domain/issue-credential.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { OB_CONTEXT, VC_CONTEXT } from '../domain/issuer-profile-document.ts';

/** CLR 2.0 context (CLR 2.0 §B.1.2 ClrCredential @context), bundled in @lp/contexts. */
export const CLR_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
/**
 * The achievement part of a transcript's bulk key. Catalogue codes start with a letter or digit,
 * so this can never be a real code.
 */
export const TRANSCRIPT_BULK_CODE = '#transcript';

export interface IssueTranscriptInput {
  candidateNumber: string;
  session: string;
  /** The learner's signed AchievementCredentials of this session, as stored. */
  credentials: Record<string, unknown>[];
  actor: string;
}

/**
 * Issues one CLR 2.0 transcript for a learner (CLR 2.0 §B.1.2 ClrCredential, §B.1.3 ClrSubject):
 * the learner's AchievementCredentials embedded as signed (each keeps its own proof), the learner
 * identified like them, signed as Data Integrity with its own transcript QR seal. Idempotent: its
 * bulk key is candidate number + `#transcript` + session, so a second run returns the stored one.
 * Throws IssuerError SEAL_TOO_LARGE when the results do not fit one transcript seal (DESIGN.md:
 * ~10 results, no silent multi-QR).
 */
export async function issueTranscript(deps: IssuerDeps, input: IssueTranscriptInput): Promise<IssuedCredential> {
  const first = input.credentials[0];
  const firstSubject = (first?.credentialSubject ?? {}) as Record<string, unknown>;
  const identifier = Array.isArray(firstSubject.identifier) ? firstSubject.identifier : [];
  const clr = {
    '@context': [VC_CONTEXT, CLR_CONTEXT, OB_CONTEXT],
    type: ['VerifiableCredential', 'ClrCredential'],
    name: `Statement of results, ${input.session}`,
    partial: false,
    credentialSubject: {
      ...(typeof firstSubject.id === 'string' ? { id: firstSubject.id } : {}),
      type: ['ClrSubject'],
      identifier,
      verifiableCredential: input.credentials,
    },
  };
  return issueCredential(deps, {
    credential: clr,
    session: input.session,
    bulkKey: { candidateNumber: input.candidateNumber, achievementCode: TRANSCRIPT_BULK_CODE, session: input.session },
    actor: input.actor,
  });
}
