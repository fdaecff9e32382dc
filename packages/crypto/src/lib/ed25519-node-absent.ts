// What "#ed25519-node" resolves to outside Node (package.json "imports", any condition but "node"):
// no OpenSSL path, so `verify` uses WebCrypto (or the pure fallback), and no node:crypto import
// reaches a browser bundle.

export const NODE_KEY_CACHE_SIZE = 0;

export const verifyNode: ((publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean) | undefined = undefined;

export function nodeKeyCacheSize(): number {
  return 0;
}

export const signNode: ((secretKey: Uint8Array, message: Uint8Array) => Uint8Array) | undefined = undefined;
