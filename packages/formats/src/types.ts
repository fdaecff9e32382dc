import type { Check, CheckId, Verdict } from '@lp/model';

/** What every full-record verification returns; it never throws for a bad credential. */
export interface FullRecordResult {
  verdict: Verdict;
  checks: Check[];
  /** The credential that was checked (for a JWT: its payload without the JWT claims). */
  credential?: Record<string, unknown>;
  /** 'di' for a JSON credential with a Data Integrity proof, 'jwt' for application/vc+jwt. */
  format?: 'di' | 'jwt';
  /** A vc+jwt's `iat` (RFC 7519 §4.1.6): when it was signed, which the credential no longer carries. */
  signedAt?: Date;
}

/** A JSON-LD document loader (see @lp/contexts createDocumentLoader). */
export type DocumentLoader = (url: string) => Promise<{ contextUrl: null | string; documentUrl: string; document: unknown }>;

/** The status check of a later pipeline step (Bitstring Status List); returns its own Check. */
export type StatusCheck = (credential: Record<string, unknown>) => Promise<Check> | Check;
/** The profile check (zod schemas of OB 3.0 / CLR 2.0, packages/model). */
export type ProfileCheck = (credential: Record<string, unknown>) => Check;

export interface CommonVerifyOptions {
  /** The verifier's clock; default: now. */
  now?: Date;
  /** Tolerated clock difference for validFrom/validUntil, in seconds (default 300, as @digitalbazaar/vc). */
  maxClockSkewSeconds?: number;
  checkStatus?: StatusCheck;
  /** Default: `checkProfile` of @lp/model. */
  profileCheck?: ProfileCheck;
}

export interface VerifyDiOptions extends CommonVerifyOptions {
  documentLoader: DocumentLoader;
  /**
   * 'issuance' (default): the proof's key must be controlled by the credential's issuer
   * (VC Data Model 2.0 §4.7, @digitalbazaar/vc CredentialIssuancePurpose). 'assertion': only that
   * the key is an assertionMethod of its controller (for test vectors whose issuer is not the key
   * controller; a trust bundle then decides who the key belongs to).
   */
  purpose?: 'issuance' | 'assertion';
}

export type JwtAlgorithm = 'EdDSA' | 'RS256' | 'ES256';

/** A key a JWT may have been signed with: Ed25519 bytes, or an RSA / P-256 public JWK. */
export type JwtKeyCandidate = { id: string; publicKey: Uint8Array } | { id: string; jwk: { kty: string; [k: string]: unknown } };

/** What a JWT says about its key: `kid`, or only an embedded `jwk` (a hint, never trusted alone). */
export interface JwtKeyQuery {
  alg: JwtAlgorithm;
  iss: string;
  kid?: string;
  jwk?: Record<string, unknown>;
}

export interface VerifyJwtOptions extends CommonVerifyOptions {
  /**
   * Resolves the public key for a kid (e.g. from a trust bundle), EdDSA only. Without it (and
   * without resolveKeys), the kid must be a did:key URL whose DID equals the issuer.
   */
  resolveKey?: (kid: string, iss: string) => Uint8Array | undefined;
  /**
   * The issuer's keys that may have signed this token (a trust bundle's), tried in order; the
   * first that verifies is reported as `details.kid`. Needed for RS256 / ES256.
   */
  resolveKeys?: (query: JwtKeyQuery) => JwtKeyCandidate[] | undefined;
}

export interface VerifyFullRecordOptions extends CommonVerifyOptions {
  documentLoader?: DocumentLoader;
  purpose?: 'issuance' | 'assertion';
  resolveKey?: VerifyJwtOptions['resolveKey'];
  resolveKeys?: VerifyJwtOptions['resolveKeys'];
  /** Only these checks are required; the others are reported 'skipped'. 'decode' is always required. */
  checks?: readonly CheckId[];
}
