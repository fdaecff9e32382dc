import { z } from 'zod';
import { ProofSchema } from './z-proof.ts';
import { UriSchema, oneOrMore, typeIncluding } from './z-primitives.ts';
import { CredentialContextSchema, VerifiableCredentialSchema } from './z-verifiable-credential.ts';

/** VC 2.0 §4.13.1: a credential secured by an enveloping proof (VC-JOSE), as a `data:` URL. */
export const EnvelopedVerifiableCredentialSchema = z.looseObject({
  '@context': CredentialContextSchema,
  id: z.string().startsWith('data:'),
  type: typeIncluding('EnvelopedVerifiableCredential'),
});

/** VC 2.0 §4.13 VerifiablePresentation: `holder`, `verifiableCredential`, `proof`, open-world. */
export const VerifiablePresentationSchema = z.looseObject({
  '@context': CredentialContextSchema,
  id: UriSchema.optional(),
  type: typeIncluding('VerifiablePresentation'),
  holder: z.union([UriSchema, z.looseObject({ id: UriSchema })]).optional(),
  verifiableCredential: z.array(z.union([VerifiableCredentialSchema, EnvelopedVerifiableCredentialSchema])).optional(),
  proof: oneOrMore(ProofSchema).optional(),
});
export type VerifiablePresentation = z.output<typeof VerifiablePresentationSchema>;
