import { decode } from 'cborg';
import type { TagDecoder } from 'cborg';
import { decodeBase45 } from './base45.ts';
import { COSE_ALG_EDDSA, COSE_HEADER_ALG, COSE_HEADER_KID, COSE_SIGN1_TAG, SEAL_PREFIX, sigStructure } from './lib/cose.ts';
import { inflateBounded } from './lib/inflate-bounded.ts';
import { scanCbor } from './lib/scan-cbor.ts';
import { SealError } from './seal-error.ts';
import { cborMapsToObjects, parseWireSealClaims, resolveKeyId } from './z-seal-claims.ts';
import type { SealClaims } from './z-seal-claims.ts';

/** Limits applied before the work they bound (DESIGN.md "Security rules"). */
export const SEAL_LIMITS = {
  /** The most alphanumeric characters any QR code holds (ISO/IEC 18004, version 40-L). */
  maxTextLength: 4296,
  maxDecompressedBytes: 64 * 1024,
  /** Claims CBOR compresses ~1.3:1; 50:1 leaves room and stops bombs early. */
  maxCompressionRatio: 50,
  maxCborDepth: 16,
  maxCborItems: 4096,
} as const;

export interface DecodedSeal {
  protectedHeader: { alg: -8; kid: string };
  /** The header kid as written (a verification method id or a `#fragment`). */
  kid: string;
  /** The kid resolved against the issuer: the verification method to look up in the trust bundle. */
  verificationMethod: string;
  /** Validated claims (the `parse` step); NOT yet signature-checked. */
  claims: SealClaims;
  protectedBytes: Uint8Array;
  payloadBytes: Uint8Array;
  signature: Uint8Array;
  /** RFC 9052 §4.4 Sig_structure: what the signature covers. */
  toBeSigned: Uint8Array;
}

class Sign1Tag {
  constructor(readonly inner: unknown) {}
}

const COSE_TAGS: TagDecoder[] = [];
COSE_TAGS[COSE_SIGN1_TAG] = (inner: unknown) => new Sign1Tag(inner);

const STRICT = {
  useMaps: true,
  strict: true,
  rejectDuplicateMapKeys: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
} as const;

/**
 * Decodes and parses a seal WITHOUT checking its signature (use verifySealSignature with the key
 * the trust bundle names for `verificationMethod`). Each limit applies before the work it bounds:
 * text length, prefix, base45 alphabet, streaming decompression capped by size and ratio, CBOR
 * depth/item pre-scan, no trailing bytes, COSE_Sign1 shape, alg EdDSA, then the claims schema.
 * Throws only SealError (codes in seal-error.ts) for any string.
 *
 * @example const { claims, verificationMethod } = decodeSeal(scannedText);
 */
export function decodeSeal(text: string): DecodedSeal {
  if (typeof text !== 'string') throw new TypeError('decodeSeal expects a string');
  if (text.length > SEAL_LIMITS.maxTextLength) {
    throw new SealError('SEAL_TOO_LONG', `seal text has ${text.length} characters, limit ${SEAL_LIMITS.maxTextLength}`);
  }
  if (!text.startsWith(SEAL_PREFIX)) throw new SealError('SEAL_PREFIX', `seal text must start with ${SEAL_PREFIX}`);
  const compressed = decodeBase45(text.slice(SEAL_PREFIX.length));
  const cose = inflateBounded(compressed, SEAL_LIMITS.maxDecompressedBytes, SEAL_LIMITS.maxCompressionRatio);

  const top = decodeOne(cose, 'COSE_Sign1', COSE_TAGS);
  const sign1 = top instanceof Sign1Tag ? top.inner : top;
  if (!Array.isArray(sign1) || sign1.length !== 4) {
    throw new SealError('SEAL_COSE_MALFORMED', 'COSE_Sign1 must be an array of 4 elements (RFC 9052 §4.2)');
  }
  const [protectedBytes, unprotected, payloadBytes, signature] = sign1 as unknown[];
  if (!(protectedBytes instanceof Uint8Array)) throw new SealError('SEAL_COSE_MALFORMED', 'protected header must be a byte string');
  if (!(unprotected instanceof Map)) throw new SealError('SEAL_COSE_MALFORMED', 'unprotected header must be a map');
  if (!(payloadBytes instanceof Uint8Array)) throw new SealError('SEAL_COSE_MALFORMED', 'payload must be a byte string (not detached)');
  if (!(signature instanceof Uint8Array) || signature.length !== 64) {
    throw new SealError('SEAL_COSE_MALFORMED', 'signature must be a 64-byte Ed25519 signature');
  }

  const { kid } = parseProtectedHeader(protectedBytes);
  const claims = parseWireSealClaims(cborMapsToObjects(decodeOne(payloadBytes, 'claims')));
  const verificationMethod = resolveKeyId(kid, claims.issuer);
  if (verificationMethod !== claims.keyId) {
    throw new SealError('SEAL_KID_MISMATCH', `header kid ${kid} and claim 3 ${claims.keyId} name different keys`);
  }
  return {
    protectedHeader: { alg: COSE_ALG_EDDSA, kid },
    kid,
    verificationMethod,
    claims,
    protectedBytes,
    payloadBytes,
    signature,
    toBeSigned: sigStructure(protectedBytes, payloadBytes),
  };
}

/** RFC 9052 §3: an empty bstr means no protected header, hence no alg. Only alg and kid are allowed,
 * so no `crit` (label 2) parameter can ask for processing this codec does not do. */
function parseProtectedHeader(bytes: Uint8Array): { kid: string } {
  if (bytes.length === 0) throw new SealError('SEAL_ALG', 'no protected header: alg must be EdDSA (-8)');
  const header = decodeOne(bytes, 'protected header');
  if (!(header instanceof Map)) throw new SealError('SEAL_COSE_MALFORMED', 'protected header must encode a map');
  for (const label of header.keys()) {
    if (label !== COSE_HEADER_ALG && label !== COSE_HEADER_KID) {
      throw new SealError('SEAL_COSE_MALFORMED', `protected header parameter ${String(label)} is not allowed in a seal`);
    }
  }
  if (header.get(COSE_HEADER_ALG) !== COSE_ALG_EDDSA) {
    throw new SealError('SEAL_ALG', `alg ${String(header.get(COSE_HEADER_ALG))} is not EdDSA (-8)`);
  }
  const kidBytes = header.get(COSE_HEADER_KID);
  if (!(kidBytes instanceof Uint8Array) || kidBytes.length === 0 || kidBytes.length > 256) {
    throw new SealError('SEAL_COSE_MALFORMED', 'protected header kid must be 1 to 256 bytes');
  }
  try {
    return { kid: UTF8.decode(kidBytes) };
  } catch {
    throw new SealError('SEAL_COSE_MALFORMED', 'protected header kid is not UTF-8');
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const STRICT_NO_TAGS = { ...STRICT, tags: [] as TagDecoder[] };
const STRICT_COSE = { ...STRICT, tags: COSE_TAGS };

/** Pre-scan (depth, items, trailing bytes), then cborg with every laxity off. */
function decodeOne(bytes: Uint8Array, what: string, tags?: TagDecoder[]): unknown {
  const end = scanCbor(bytes, { maxDepth: SEAL_LIMITS.maxCborDepth, maxItems: SEAL_LIMITS.maxCborItems });
  if (end !== bytes.length) {
    throw new SealError('SEAL_TRAILING_BYTES', `${bytes.length - end} bytes after the ${what}`);
  }
  try {
    return decode(bytes, tags === COSE_TAGS ? STRICT_COSE : STRICT_NO_TAGS);
  } catch (e) {
    throw new SealError('SEAL_CBOR_INVALID', `${what} is not valid CBOR: ${(e as Error).message}`);
  }
}
