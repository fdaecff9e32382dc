import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  CryptoError,
  base58Decode,
  base58Encode,
  base64urlDecode,
  base64urlEncode,
  didKeyDocument,
  didKeyFromPublicKey,
  didKeyVerificationMethod,
  jwkToPublicKey,
  keyPairFromSeed,
  multikeyFromPublicKey,
  privateKeyToJwk,
  publicKeyFromDidKey,
  publicKeyFromMultikey,
  publicKeyToJwk,
  secretMultikeyFromSeed,
  seedFromSecretMultikey,
  sign,
  verify,
} from '../src/index.ts';

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const vectorDir = fileURLToPath(new URL('../../../test/vectors/w3c-vc-di-eddsa/', import.meta.url));

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (err) {
    expect(err).toBeInstanceOf(CryptoError);
    return (err as CryptoError).code;
  }
}

describe('base58btc and base64url codecs', () => {
  test('property: round trips, including leading zero bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        expect(base58Decode(base58Encode(b))).toEqual(b);
        expect(base64urlDecode(base64urlEncode(b))).toEqual(b);
        expect(base64urlEncode(b)).toBe(Buffer.from(b).toString('base64url'));
      }),
    );
  });

  test('rejects junk', () => {
    for (const bad of ['0', 'O', 'I', 'l', '+', ' ']) expect(base58Decode('abc' + bad)).toBeUndefined();
    // 'AB' has non-zero trailing bits: 'AA' is the only accepted encoding of [0].
    for (const bad of ['A', 'AB==', 'A+B/', 'AB', 'AAB']) expect(base64urlDecode(bad)).toBeUndefined();
    expect(base64urlDecode('AA')).toEqual(new Uint8Array([0]));
  });
});

describe('did:key, Multikey and JWK', () => {
  test('the W3C vc-di-eddsa vector key pair round-trips', async () => {
    const vector = JSON.parse(readFileSync(vectorDir + 'eddsa-rdfc-2022.json', 'utf8')) as { keyPair: Record<string, string> };
    const { publicKeyMultibase, privateKeyMultibase, controller, verificationMethod } = vector.keyPair as Record<string, string>;
    expect(publicKeyMultibase).toBe('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
    const seed = seedFromSecretMultikey(privateKeyMultibase!);
    const kp = await keyPairFromSeed(seed);
    expect(multikeyFromPublicKey(kp.publicKey)).toBe(publicKeyMultibase);
    expect(publicKeyFromMultikey(publicKeyMultibase!)).toEqual(kp.publicKey);
    expect(secretMultikeyFromSeed(seed)).toBe(privateKeyMultibase);
    expect(didKeyFromPublicKey(kp.publicKey)).toBe(controller);
    expect(publicKeyFromDidKey(verificationMethod!)).toEqual(kp.publicKey);
    expect(didKeyVerificationMethod(verificationMethod!).id).toBe(verificationMethod);
    expect(jwkToPublicKey(publicKeyToJwk(kp.publicKey))).toEqual(kp.publicKey);
  });

  test('publicKeyFromDidKey: decoded keys are remembered, but each caller gets its own bytes, also past the bound', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(3));
    const did = didKeyFromPublicKey(kp.publicKey);
    const first = publicKeyFromDidKey(did);
    first.fill(0);
    expect(publicKeyFromDidKey(did)).toEqual(kp.publicKey);
    expect(publicKeyFromDidKey(`${did}#${did.slice(8)}`)).toEqual(kp.publicKey);
    for (let i = 0; i < 300; i++) {
      const seed = new Uint8Array(32);
      seed[0] = i & 0xff;
      seed[1] = (i >> 8) + 7;
      const other = await keyPairFromSeed(seed);
      expect(publicKeyFromDidKey(didKeyFromPublicKey(other.publicKey))).toEqual(other.publicKey);
    }
    expect(publicKeyFromDidKey(did)).toEqual(kp.publicKey);
  });

  test('property: did:key, Multikey, secret Multikey and JWK round trips', async () => {
    await fc.assert(
      fc.asyncProperty(bytes32, async (seed) => {
        const kp = await keyPairFromSeed(seed);
        const did = didKeyFromPublicKey(kp.publicKey);
        expect(did).toMatch(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+$/);
        expect(publicKeyFromDidKey(did)).toEqual(kp.publicKey);
        expect(publicKeyFromDidKey(`${did}#${did.slice(8)}`)).toEqual(kp.publicKey);
        expect(publicKeyFromMultikey(multikeyFromPublicKey(kp.publicKey))).toEqual(kp.publicKey);
        expect(seedFromSecretMultikey(secretMultikeyFromSeed(seed))).toEqual(seed);
        const jwk = privateKeyToJwk(kp);
        expect(jwk.d).toBe(Buffer.from(seed).toString('base64url'));
        expect(jwkToPublicKey(jwk)).toEqual(kp.publicKey);
        expect(jwkToPublicKey(publicKeyToJwk(kp.publicKey))).toEqual(kp.publicKey);
      }),
      { numRuns: 50 },
    );
  });

  test('the JWK agrees with node:crypto / jose', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(1));
    const { createPrivateKey } = await import('node:crypto');
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), kp.secretKey]);
    const nodeJwk = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
    expect(privateKeyToJwk(kp)).toEqual({ kty: nodeJwk.kty, crv: nodeJwk.crv, x: nodeJwk.x, d: nodeJwk.d });
  });

  test('other multicodecs are KEY_NOT_ED25519 (secp256k1 0xe7, P-256 0x1200, X25519 0xec, ed25519-priv)', () => {
    const key33 = new Uint8Array(33).fill(2);
    const mb = (prefix: number[], key: Uint8Array) => 'z' + base58Encode(Uint8Array.from([...prefix, ...key]));
    expect(codeOf(() => publicKeyFromDidKey('did:key:' + mb([0xe7, 0x01], key33)))).toBe('KEY_NOT_ED25519');
    expect(codeOf(() => publicKeyFromDidKey('did:key:' + mb([0x80, 0x24], key33)))).toBe('KEY_NOT_ED25519');
    expect(codeOf(() => publicKeyFromDidKey('did:key:' + mb([0xec, 0x01], new Uint8Array(32))))).toBe('KEY_NOT_ED25519');
    expect(codeOf(() => publicKeyFromMultikey(mb([0x80, 0x24], key33)))).toBe('KEY_NOT_ED25519');
    expect(codeOf(() => publicKeyFromMultikey(secretMultikeyFromSeed(new Uint8Array(32))))).toBe('KEY_NOT_ED25519');
    expect(codeOf(() => seedFromSecretMultikey(multikeyFromPublicKey(new Uint8Array(32))))).toBe('KEY_NOT_ED25519');
    // A real P-256 did:key from the did:key spec examples.
    expect(codeOf(() => publicKeyFromDidKey('did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169'))).toBe('KEY_NOT_ED25519');
    expect(codeOf(() => publicKeyFromDidKey('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'))).toBe('KEY_NOT_ED25519');
  });

  test('junk did:key, Multikey and JWK inputs are coded errors', () => {
    const good = multikeyFromPublicKey(new Uint8Array(32).fill(9));
    for (const bad of ['', 'did:key:', 'did:web:example.com', 'did:key:' + good.slice(1), 'did:key:u' + good.slice(1), 'did:key:z0OIl', 'did:key:z' + base58Encode(Uint8Array.from([0xed, 0x01, 1, 2])), 'did:key:z' + base58Encode(Uint8Array.from([0xed, 0x01, ...new Uint8Array(33)])), 'did:key:z' + base58Encode(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])), 'did:key:' + good + 'x'.repeat(300), 42 as unknown as string]) {
      expect([String(bad).slice(0, 40), codeOf(() => publicKeyFromDidKey(bad))]).toEqual([String(bad).slice(0, 40), 'DID_KEY_INVALID']);
    }
    for (const bad of ['', good.slice(1), 'm' + good.slice(1), 'z', 'z0', 'z' + base58Encode(Uint8Array.from([0xed, 0x01, ...new Uint8Array(33)]))]) {
      expect([bad, codeOf(() => publicKeyFromMultikey(bad))]).toEqual([bad, 'MULTIKEY_INVALID']);
    }
    const x = Buffer.from(new Uint8Array(32)).toString('base64url');
    for (const bad of [null, 'x', {}, { kty: 'EC', crv: 'Ed25519', x }, { kty: 'OKP', crv: 'X25519', x }, { kty: 'OKP', crv: 'Ed25519' }, { kty: 'OKP', crv: 'Ed25519', x: x + 'A' }, { kty: 'OKP', crv: 'Ed25519', x: x.slice(0, 42) + '+' }, { kty: 'OKP', crv: 'Ed25519', x: x.slice(0, 42) + 'B' }]) {
      expect(codeOf(() => jwkToPublicKey(bad))).toBe('JWK_INVALID');
    }
    expect(codeOf(() => multikeyFromPublicKey(new Uint8Array(31)))).toBe('KEY_LENGTH');
    expect(codeOf(() => publicKeyToJwk(new Uint8Array(33)))).toBe('KEY_LENGTH');
    expect(codeOf(() => didKeyVerificationMethod(`did:key:${good}#other`))).toBe('DID_KEY_INVALID');
  });

  test('didKeyDocument: DID v1 + Multikey contexts, one Multikey method, referenced by every relationship', () => {
    const did = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
    const vm = `${did}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2`;
    const doc = didKeyDocument(vm);
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: vm, type: 'Multikey', controller: did, publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2' }],
      authentication: [vm],
      assertionMethod: [vm],
      capabilityDelegation: [vm],
      capabilityInvocation: [vm],
    });
    expect(didKeyVerificationMethod(vm)).toEqual({ '@context': 'https://w3id.org/security/multikey/v1', ...doc.verificationMethod[0] });
  });

  test('a key from a did:key verifies what its seed signed', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(3));
    const msg = new TextEncoder().encode('Learning Passport');
    expect(await verify(publicKeyFromDidKey(didKeyFromPublicKey(kp.publicKey)), msg, await sign(kp.secretKey, msg))).toBe(true);
  });
});
