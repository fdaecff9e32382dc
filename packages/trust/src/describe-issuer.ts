import { CryptoError, jwkToPublicKey, multikeyFromPublicKey, publicKeyFromMultikey } from '@lp/crypto';
import { TrustError } from './errors.ts';
import { parseTrustFragment } from './parse-trust-fragment.ts';
import { rsaModulusBits, type TrustAccreditation, type TrustIssuerKind } from './z-trust-bundle.ts';
import type { TrustFragment } from './z-trust-fragment.ts';

export interface DescribedKey {
  /** The verification method id as the issuer's credentials name it (`https://…#z6Mk…`, `did:key:…`). */
  id: string;
  /** An Ed25519 Multikey (`z6Mk…`) or a public JWK (Ed25519 OKP, RSA ≥ 2048 bits, EC P-256). */
  publicKey: string | Record<string, unknown>;
}

export interface DescribeIssuerInput {
  id: string;
  keys: readonly DescribedKey[];
  /** Language tag → name; at least one. */
  names: Record<string, string>;
  country?: string;
  kind?: TrustIssuerKind;
  accreditation?: TrustAccreditation;
  /** Start of every key's window; default the Unix epoch: the anchor does not know when a foreign key began. */
  validFrom?: Date | string;
  /**
   * Status lists the anchor fetched from the issuer (signed BitstringStatusListCredentials), each
   * with the URL its credentials name; the verifier checks each list's proof and the list's own
   * id against that URL. `fetchedAt` default: `now`.
   */
  statusLists?: readonly { url: string; credential: Record<string, unknown>; fetchedAt?: Date | string }[];
  now: Date;
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * A trust fragment for an issuer that does not run this project (1EdTech's test issuer, a
 * university on the DCC stack, a ministry with its own signer): the anchor states its id (any
 * URI), its keys by verification-method id, names, country, kind and accreditation, the status
 * lists it fetched from the issuer, and `lp trust build --add` merges it like any issuer's own
 * fragment. The catalogue is empty: such credentials carry their own achievements (shown from the
 * credential). Ed25519 JWKs become Multikeys; RSA keys under 2048 bits are refused
 * (TRUST_KEY_TOO_SHORT), other key types TRUST_KEY_UNSUPPORTED; the rest is checked by the
 * fragment schema (TRUST_FRAGMENT_MALFORMED with the path).
 *
 * @example
 * describeIssuer({ id: 'https://example.com/issuers/876543',
 *   keys: [{ id: 'https://example.com/issuers/876543#z6MkjZ…', publicKey: 'z6MkjZ…' }],
 *   names: { en: '1EdTech test issuer' }, kind: 'school', now: new Date() });
 */
export function describeIssuer(input: DescribeIssuerInput): TrustFragment {
  const validFrom = input.validFrom === undefined ? EPOCH : typeof input.validFrom === 'string' ? input.validFrom : input.validFrom.toISOString();
  const keys = input.keys.map((k, i) => ({ id: k.id, ...keyMaterial(k.publicKey, i), validFrom }));
  return parseTrustFragment({
    type: 'LearningPassportTrustFragment',
    version: 1,
    exportedAt: input.now.toISOString(),
    id: input.id,
    names: input.names,
    ...(input.country !== undefined ? { country: input.country } : {}),
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.accreditation !== undefined ? { accreditation: input.accreditation } : {}),
    keys,
    catalogue: { achievements: [] },
    statusLists: (input.statusLists ?? []).map((l, i) => ({
      url: l.url,
      purpose: purposeOf(l.credential, i),
      fetchedAt: l.fetchedAt === undefined ? input.now.toISOString() : typeof l.fetchedAt === 'string' ? l.fetchedAt : l.fetchedAt.toISOString(),
      credential: l.credential,
    })),
  });
}

/** VC Bitstring Status List §2.2: the list says its own purpose (one purpose per list here). */
function purposeOf(list: Record<string, unknown>, i: number): string {
  const subject = list.credentialSubject as { statusPurpose?: unknown } | undefined;
  const purpose = Array.isArray(subject?.statusPurpose) ? subject.statusPurpose[0] : subject?.statusPurpose;
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    throw new TrustError('TRUST_FRAGMENT_MALFORMED', `status list ${i}: not a BitstringStatusListCredential for revocation or suspension`, `$.statusLists[${i}].credential.credentialSubject.statusPurpose`);
  }
  return purpose;
}

function keyMaterial(publicKey: DescribedKey['publicKey'], i: number): { publicKeyMultibase: string } | { publicKeyJwk: Record<string, unknown> } {
  const where = `$.keys[${i}]`;
  if (typeof publicKey === 'string') {
    try {
      publicKeyFromMultikey(publicKey);
    } catch (e) {
      throw new TrustError('TRUST_KEY_UNSUPPORTED', `key ${i}: not an Ed25519 Multikey (z6Mk…): ${e instanceof CryptoError ? e.code : 'invalid'}`, where);
    }
    return { publicKeyMultibase: publicKey };
  }
  const jwk = publicKey;
  // A private JWK given by mistake is refused rather than silently reduced to its public part.
  if ('d' in jwk || 'p' in jwk) throw new TrustError('TRUST_KEY_UNSUPPORTED', `key ${i}: a private JWK; give the public key only`, where);
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    try {
      return { publicKeyMultibase: multikeyFromPublicKey(jwkToPublicKey({ kty: 'OKP', crv: 'Ed25519', x: jwk.x })) };
    } catch (e) {
      throw new TrustError('TRUST_KEY_UNSUPPORTED', `key ${i}: not a valid Ed25519 JWK: ${e instanceof CryptoError ? e.code : 'invalid'}`, where);
    }
  }
  if (jwk.kty === 'RSA' && typeof jwk.n === 'string' && typeof jwk.e === 'string') {
    const bits = rsaModulusBits(jwk.n);
    // RFC 7518 §3.3: RS256 keys of 2048 bits or more; shorter ones are factorable in practice.
    if (bits < 2048) throw new TrustError('TRUST_KEY_TOO_SHORT', `key ${i}: an RSA key of ${bits} bits; at least 2048 are required`, `${where}.n`);
    return { publicKeyJwk: { kty: 'RSA', n: jwk.n, e: jwk.e } };
  }
  if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string') {
    return { publicKeyJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } };
  }
  throw new TrustError('TRUST_KEY_UNSUPPORTED', `key ${i}: JWK kty ${String(jwk.kty)} / crv ${String(jwk.crv)} is not supported (Ed25519, RSA, EC P-256)`, where);
}
