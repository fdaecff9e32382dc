import { z } from 'zod';
import { SubjectInputSchema } from './build-achievement-credential.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.iso.date();

/** The evidence labels of the learner summary (@lp/recognition EvidenceLabel), as the school saw them. */
export const zEvidenceLabel = z.enum([
  'national-examination-body', 'accredited-school', 'ngo-programme', 'assessment-based', 'self-declared', 'issuer-not-listed',
]);

/**
 * A credential the school considered: its id, the digest of what was verified (multibase
 * base64url SHA-256 multihash, as VC 2.0 `digestMultibase`), its evidence label and the verdict
 * the school's verifier gave. A verdict other than VALID is recorded as such: the credential was
 * seen, and the statement says it was not relied on as completed learning.
 */
export const zCredentialEvidence = z.strictObject({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, 'expected a URI').max(500),
  digest: z.string().regex(/^u[A-Za-z0-9_-]{46}$/, 'expected a multibase (u…) SHA-256 multihash, as digestMultibase'),
  label: zEvidenceLabel,
  verdict: z.enum(['VALID', 'INVALID', 'UNKNOWN']),
  /** What it is, as the summary showed it (achievement, issuer). */
  name: text(200).optional(),
});

export const zRecognitionDecision = z.strictObject({
  learner: SubjectInputSchema.omit({ candidateNumber: true }),
  placement: z.strictObject({
    /** ISO 3166-1 alpha-2 of the school system the learner is placed in: the issuer's own. */
    country: z.string().trim().min(2).max(3),
    grade: z.number().int().min(0).max(13).optional(),
    /** A programme instead of (or beside) a grade, e.g. an accelerated education programme level. */
    programme: text(100).optional(),
  }).refine((p) => p.grade !== undefined || p.programme !== undefined, { message: 'give placement.grade or placement.programme' }),
  support: z.strictObject({
    subjects: z.array(text(80)).max(10).optional(),
    /** The language of instruction in which the learner needs support, e.g. "Arabic". */
    languageOfInstruction: text(80).optional(),
  }).optional(),
  evidence: z.strictObject({
    credentials: z.array(zCredentialEvidence).max(20).optional(),
    documents: z.array(z.strictObject({ name: text(200), note: text(500).optional() })).max(20).optional(),
    interview: z.strictObject({ date: day.optional(), languages: z.array(text(40)).max(5).optional(), note: text(1000).optional() }).optional(),
    placementTests: z.array(z.strictObject({ subject: text(80), result: text(80), date: day.optional() })).max(10).optional(),
  }),
  /** One or two (EQPR: two evaluators, one knowing the origin system); counted by the domain for its own codes. */
  assessors: z.array(z.strictObject({ name: text(120), role: text(120).optional() })).max(10),
  /** The decision date, YYYY-MM-DD; default today. */
  date: day.optional(),
  /** Default: five years after the decision (EQPR's validity). */
  validUntil: day.optional(),
  note: text(1000).optional(),
});
export type RecognitionDecision = z.infer<typeof zRecognitionDecision>;
export type CredentialEvidence = z.infer<typeof zCredentialEvidence>;
