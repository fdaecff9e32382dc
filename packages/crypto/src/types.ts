/** An Ed25519 key pair. `secretKey` is the 32-byte RFC 8032 seed (§5.1.5), never the 64-byte expansion. */
export interface Ed25519KeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}
