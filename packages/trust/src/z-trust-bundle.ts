import { z } from 'zod';
import { CatalogueAchievementSchema } from '@lp/model';

// Schemas of the trust bundle (DESIGN.md "Trust without a network"). Types come from z.infer so
// that the schema and the type cannot drift apart.

const zIsoDateTime = z.iso.datetime({ offset: true });
const zDidKey = z.string().regex(/^did:key:z[1-9A-HJ-NP-Za-km-z]+$/, 'expected a did:key DID');
// did:web method spec §3.1: a host (percent-encoded port allowed) then optional ':'-separated path.
const zDidWeb = z.string().regex(/^did:web:[A-Za-z0-9.%-]+(:[A-Za-z0-9._~%-]+)*$/, 'expected a did:web DID');
export const zIssuerDid = z.union([zDidKey, zDidWeb]);
/**
 * Any absolute URI without a fragment (RFC 3986 §4.3): did:key and did:web for issuers of this
 * project, but also the `https://` and `urn:uuid:` ids that Open Badges issuers on other stacks use
 * (1EdTech's examples, university platforms). Nothing is resolved: the bundle lists their keys.
 */
export const zAbsoluteUri = z.string().max(2048).regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s#]+$/, 'expected an absolute URI without a fragment');
export const zIssuerId = z.union([zIssuerDid, zAbsoluteUri]);
/** A verification method id: `<issuer>#<fragment>`, an `https://…#…` URL, or a bare did:key. */
export const zVerificationMethodId = z.string().max(2048).regex(/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s#]+(#[^\s#]+)?$/, 'expected a verification method id (an absolute URI)');
export const zDid = z.string().regex(/^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/, 'expected a DID');
/** Multikey, Ed25519, base58btc (`z6Mk…`): Controlled Identifiers §2.2.2. */
export const zPublicKeyMultibase = z.string().regex(/^z6Mk[1-9A-HJ-NP-Za-km-z]{40,50}$/, 'expected an Ed25519 Multikey (z6Mk…)');
const zLang = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'expected a BCP 47 language tag');
const zSha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase SHA-256 hex digest');

export const zIssuerKind = z.enum(['national-examination-body', 'school', 'ngo-programme', 'recognition-body', 'university', 'ministry']);

export const zAccreditation = z.object({
  by: z.string().min(1),
  reference: z.string().min(1).optional(),
  validUntil: zIsoDateTime.optional(),
});

const zB64u = z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected base64url');
/** RSA (RS256, at least 2048 bits: RFC 7518 §3.3) or EC P-256 (ES256) public JWK, for others' vc+jwt. */
export const zForeignPublicJwk = z.union([
  z.object({ kty: z.literal('RSA'), n: zB64u, e: zB64u }).refine((k) => rsaModulusBits(k.n) >= 2048, { message: 'an RSA key must have at least 2048 bits (RFC 7518 §3.3)', path: ['n'] }),
  z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: zB64u.length(43), y: zB64u.length(43) }),
]);

/** Bits of an RSA modulus given as base64url (RFC 7518 §6.3.1.1), leading zero bits excluded. */
export function rsaModulusBits(n: string): number {
  let bin: string;
  try {
    bin = atob(n.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(n.length / 4) * 4, '='));
  } catch {
    return 0;
  }
  let i = 0;
  while (i < bin.length && bin.charCodeAt(i) === 0) i++;
  if (i === bin.length) return 0;
  return (bin.length - i) * 8 - (Math.clz32(bin.charCodeAt(i)) - 24);
}

export const zTrustKey = z.object({
  /** Verification method id: `<issuer DID>#<fragment>`, any `URI#fragment`, or a bare did:key. */
  id: zVerificationMethodId,
  /** Ed25519 keys (Data Integrity, Ed25519Signature2020, EdDSA JWT, seals). */
  publicKeyMultibase: zPublicKeyMultibase.optional(),
  /** RSA or P-256 keys, for vc+jwt signed RS256 / ES256 by issuers on other stacks. */
  publicKeyJwk: zForeignPublicJwk.optional(),
  validFrom: zIsoDateTime,
  validUntil: zIsoDateTime.optional(),
  /** A compromised key: everything it signed is invalid, whatever the date. */
  revokedAt: zIsoDateTime.optional(),
  /** Catalogue codes this key may sign; absent means all of the issuer's catalogue. */
  achievements: z.array(z.string().min(1)).optional(),
}).refine((k) => (k.publicKeyMultibase === undefined) !== (k.publicKeyJwk === undefined), { message: 'a key has exactly one of publicKeyMultibase or publicKeyJwk', path: ['publicKeyMultibase'] });

/**
 * A catalogue entry: @lp/model's CatalogueAchievement (code → multilingual names, descriptions,
 * ISCED level and field, result scales). Strict, so the verifier can rely on what it renders.
 * Its scale bounds normalize numbers to strings; digests are computed over the parsed form.
 */
export const zCatalogueEntry = CatalogueAchievementSchema;

export const zCatalogue = z.object({
  /** SHA-256 hex of the canonical JSON (RFC 8785 manner) of `achievements`. */
  digest: zSha256Hex,
  achievements: z.array(zCatalogueEntry),
});

export const zStatusListSnapshot = z.object({
  url: z.url(),
  purpose: z.enum(['revocation', 'suspension']),
  fetchedAt: zIsoDateTime,
  /** The signed BitstringStatusListCredential as fetched; its proof is checked by the verifier. */
  credential: z.looseObject({}),
});

const issuerShape = {
  id: zIssuerId,
  names: z.record(zLang, z.string().min(1)).refine((r) => Object.keys(r).length > 0, 'at least one name'),
  // Optional for issuers described by an anchor (lp trust describe-issuer) that it cannot place.
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code').optional(),
  kind: zIssuerKind.optional(),
  accreditation: zAccreditation.optional(),
  keys: z.array(zTrustKey).min(1),
  catalogue: zCatalogue,
  statusLists: z.array(zStatusListSnapshot),
};

/** Checks that need the whole issuer entry: keys belong to the issuer, did:key keys are the DID. */
export function checkIssuerEntry(
  issuer: { id: string; keys: { id: string; publicKeyMultibase?: string | undefined }[]; catalogue: { achievements: { code: string }[] } },
  ctx: z.RefinementCtx,
): void {
  const ids = new Set<string>();
  issuer.keys.forEach((key, i) => {
    // A DID controls only the verification methods under it (DID Core §5.2); issuers named by
    // other URIs (https, urn:uuid) list whatever methods the anchor attributes to them.
    if (issuer.id.startsWith('did:') && !key.id.startsWith(issuer.id + '#')) {
      ctx.addIssue({ code: 'custom', path: ['keys', i, 'id'], message: `key id must start with "${issuer.id}#"` });
    }
    if (ids.has(key.id)) ctx.addIssue({ code: 'custom', path: ['keys', i, 'id'], message: 'duplicate key id' });
    ids.add(key.id);
    // did:key is self-certifying (did:key spec §3.1.2): its one key IS the DID's multibase value,
    // whether it is the issuer or a verification method listed under another issuer.
    const didKey = issuer.id.startsWith('did:key:') ? issuer.id : key.id.startsWith('did:key:') ? key.id.split('#')[0]! : undefined;
    if (didKey !== undefined && key.publicKeyMultibase !== didKey.slice('did:key:'.length)) {
      ctx.addIssue({ code: 'custom', path: ['keys', i, 'publicKeyMultibase'], message: 'a did:key key must be the DID itself' });
    }
  });
  const codes = new Set<string>();
  issuer.catalogue.achievements.forEach((a, i) => {
    if (codes.has(a.code)) ctx.addIssue({ code: 'custom', path: ['catalogue', 'achievements', i, 'code'], message: 'duplicate achievement code' });
    codes.add(a.code);
  });
}

export const zTrustIssuer = z.object(issuerShape).superRefine(checkIssuerEntry);

export const zTrustBundle = z
  .object({
    type: z.literal('LearningPassportTrustBundle'),
    version: z.literal(1),
    sequence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    issuedAt: zIsoDateTime,
    expires: zIsoDateTime,
    anchor: zDid,
    issuers: z.array(zTrustIssuer),
    contexts: z.record(z.url(), zSha256Hex),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.issuers.forEach((iss, i) => {
      if (seen.has(iss.id)) ctx.addIssue({ code: 'custom', path: ['issuers', i, 'id'], message: 'duplicate issuer' });
      seen.add(iss.id);
    });
  });

export { issuerShape as trustIssuerShape };
export type TrustIssuerKind = z.infer<typeof zIssuerKind>;
export type TrustAccreditation = z.infer<typeof zAccreditation>;
export type TrustKey = z.infer<typeof zTrustKey>;
export type ForeignPublicJwk = z.infer<typeof zForeignPublicJwk>;
export type CatalogueEntry = z.infer<typeof zCatalogueEntry>;
export type TrustCatalogue = z.infer<typeof zCatalogue>;
export type StatusListSnapshot = z.infer<typeof zStatusListSnapshot>;
export type TrustIssuer = z.infer<typeof zTrustIssuer>;
export type TrustBundle = z.infer<typeof zTrustBundle>;
