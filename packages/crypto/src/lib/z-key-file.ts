import { z } from 'zod';

/**
 * A Learning Passport key file: an Ed25519 seed encrypted at rest. JSON, so it can be read and
 * diffed; the public fields stay readable (what key is this?) and are authenticated as AES-GCM
 * additional data. Bounds are generous but finite so a hostile file cannot ask for 64 GiB of scrypt.
 */
export const zKeyFile = z.object({
  type: z.literal('LearningPassportKey'),
  version: z.literal(1),
  label: z.string().max(200).optional(),
  did: z.string().max(256),
  publicKeyMultibase: z.string().max(128),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int().min(2).max(2 ** 20).refine((n) => (n & (n - 1)) === 0, 'N must be a power of 2'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string().min(1).max(128),
  }),
  cipher: z.object({
    name: z.literal('AES-256-GCM'),
    iv: z.string().length(16),
    ciphertext: z.string().length(64),
  }),
});

export type KeyFile = z.infer<typeof zKeyFile>;

/** The scrypt parameters new files get (RFC 7914 §2; OWASP's interactive-login floor is N=2^17, r=8, p=1). */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
export const MIN_SALT_BYTES = 16;

/**
 * The exact bytes bound as AES-GCM additional data: every public field, in a fixed order, so that
 * swapping the did, the label or a KDF parameter makes decryption fail.
 */
export function keyFileAdditionalData(f: Omit<KeyFile, 'cipher'> & { cipher: { name: string; iv: string } }): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify([f.type, f.version, f.label ?? null, f.did, f.publicKeyMultibase, f.kdf.name, f.kdf.N, f.kdf.r, f.kdf.p, f.kdf.salt, f.cipher.name, f.cipher.iv]),
  );
}
