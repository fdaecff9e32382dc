import { z } from 'zod';
import { CredentialStatusSchema } from './z-credential-status.ts';
import { LanguageValueSchema } from './z-language-map.ts';
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

/** VC 2.0 §5.4 refreshService, §5.5 termsOfUse, §5.6 evidence: each value MUST specify its type. */
export const TypedObjectSchema = z.looseObject({ type: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]) });

/**
 * VC 2.0 §5.3 relatedResource: objects (never bare URLs) with an `id` that is unique in the list
 * and at least one of digestSRI / digestMultibase.
 */
export const RelatedResourceSchema = oneOrMore(
  z.looseObject({ id: UriSchema, digestSRI: z.string().min(1).optional(), digestMultibase: z.string().min(1).optional() })
    .refine((r) => r.digestSRI !== undefined || r.digestMultibase !== undefined, { message: 'a relatedResource needs digestSRI or digestMultibase' }),
).refine((v) => !Array.isArray(v) || new Set(v.map((r) => r.id)).size === v.length, { message: 'relatedResource ids must be unique' });

/**
 * shape of a VC Data Model 2.0 credential (§4), open-world: properties not named here are
 * kept. Profiles (Open Badges, CLR) extend this shape.
 */
export const verifiableCredentialShape = {
  '@context': CredentialContextSchema,
  id: UriSchema.optional(),
  type: typeIncluding('VerifiableCredential'),
  // VC 2.0 §4.6: a string or a language value object (§11.1: @value, @language, @direction and
  // nothing else), or several of them.
  name: z.union([z.string(), LanguageValueSchema, z.array(z.unknown())]).optional(),
  description: z.union([z.string(), LanguageValueSchema, z.array(z.unknown())]).optional(),
  issuer: IssuerSchema,
  credentialSubject: oneOrMore(CredentialSubjectSchema),
  validFrom: DateTimeStampSchema.optional(),
  validUntil: DateTimeStampSchema.optional(),
  credentialStatus: oneOrMore(CredentialStatusSchema).optional(),
  credentialSchema: oneOrMore(CredentialSchemaRefSchema).optional(),
  relatedResource: RelatedResourceSchema.optional(),
  refreshService: oneOrMore(TypedObjectSchema).optional(),
  termsOfUse: oneOrMore(TypedObjectSchema).optional(),
  evidence: oneOrMore(TypedObjectSchema).optional(),
  proof: oneOrMore(ProofSchema).optional(),
};

export const VerifiableCredentialSchema = z.looseObject(verifiableCredentialShape);
export type VerifiableCredential = z.output<typeof VerifiableCredentialSchema>;
