import { z } from 'zod';
import { CredentialStatusSchema } from './z-credential-status.ts';
import { ProofSchema } from './z-proof.ts';
import { DateTimeStampSchema, UriSchema, oneOrMore, typeIncluding } from './z-primitives.ts';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/** VC 2.0 §4.3: an ordered set whose first item is the VC 2.0 context URL. */
export const CredentialContextSchema = z
  .array(z.union([z.string().min(1), z.record(z.string(), z.unknown())]))
  .min(1)
  .refine((c) => c[0] === VC_V2_CONTEXT, { message: `@context must start with ${VC_V2_CONTEXT}` });

/** VC 2.0 §4.7 issuer: a URL, or an object whose `id` is one. */
export const IssuerSchema = z.union([UriSchema, z.looseObject({ id: UriSchema })]);

/** VC 2.0 §4.8 credentialSubject: an object (claims about one subject). */
export const CredentialSubjectSchema = z.looseObject({ id: UriSchema.optional() });

/** VC 2.0 §4.12 credentialSchema entries: `id` and `type`. */
export const CredentialSchemaRefSchema = z.looseObject({ id: UriSchema, type: z.string().min(1) });

/**
 * shape of a VC Data Model 2.0 credential (§4), open-world: properties not named here are
 * kept. Profiles (Open Badges, CLR) extend this shape.
 */
export const verifiableCredentialShape = {
  '@context': CredentialContextSchema,
  id: UriSchema.optional(),
  type: typeIncluding('VerifiableCredential'),
  name: z.union([z.string(), z.array(z.unknown())]).optional(),
  description: z.union([z.string(), z.array(z.unknown())]).optional(),
  issuer: IssuerSchema,
  credentialSubject: oneOrMore(CredentialSubjectSchema),
  validFrom: DateTimeStampSchema.optional(),
  validUntil: DateTimeStampSchema.optional(),
  credentialStatus: oneOrMore(CredentialStatusSchema).optional(),
  credentialSchema: oneOrMore(CredentialSchemaRefSchema).optional(),
  proof: oneOrMore(ProofSchema).optional(),
};

export const VerifiableCredentialSchema = z.looseObject(verifiableCredentialShape);
export type VerifiableCredential = z.output<typeof VerifiableCredentialSchema>;
