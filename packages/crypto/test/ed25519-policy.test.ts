import { describe, expect, test } from '@jest/globals';
import * as nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { CryptoError, assertAcceptablePublicKey, generateKeyPair, hasNodeEd25519, hexToBytes, keyPairFromSeed, sign, verify, verifyPure, verifyWith } from '../src/index.ts';
import { cofactorlessVerify } from '../src/verify-pure.ts';
import { ACCEPTED, bytesOf, loadEdVectors, verdictTable } from './lib/ed25519-vectors.ts';

const vectors = loadEdVectors();

function keyCode(pk: Uint8Array): string {
  try {
    assertAcceptablePublicKey(pk);
    return 'ok';
  } catch (err) {
    return (err as CryptoError).code;
  }
}

/** Raw OpenSSL through node:crypto, without our key policy: the reference the pure path copies. */
function openssl(pk: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean | 'refused' {
  try {
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pk]);
    return nodeCrypto.verify(null, msg, nodeCrypto.createPublicKey({ key: spki, format: 'der', type: 'spki' }), sig);
  } catch {
    return 'refused';
  }
}

describe('Ed25519 verification policy over the edge and ZIP-215 vectors (Node)', () => {
  test('there are 12 + 196 vectors', () => {
    expect(vectors).toHaveLength(208);
  });

  test('verify (node:crypto), WebCrypto and verifyPure give the same verdict on every vector', async () => {
    expect(hasNodeEd25519()).toBe(true);
    const node: boolean[] = [];
    const webcrypto: boolean[] = [];
    const pure: boolean[] = [];
    const codes: string[] = [];
    // Twice: the second pass answers from the imported-key cache, which must not change a verdict.
    for (const pass of [1, 2]) {
      for (const v of vectors) {
        const { publicKey, message, signature } = bytesOf(v);
        const n = await verifyWith('node', publicKey, message, signature);
        expect([pass, v.label, await verify(publicKey, message, signature)]).toEqual([pass, v.label, n]);
        if (pass === 2) {
          expect([v.label, n]).toEqual([v.label, node[vectors.indexOf(v)]]);
          continue;
        }
        node.push(n);
        webcrypto.push(await verifyWith('webcrypto', publicKey, message, signature));
        pure.push(verifyPure(publicKey, message, signature));
        codes.push(keyCode(publicKey));
      }
    }
    console.log(`Ed25519 verdicts in Node (${vectors.length} vectors)\n` + verdictTable(vectors, { 'node-crypto': node, 'webcrypto-node': webcrypto, 'pure-node': pure }, codes));
    expect(node).toEqual(webcrypto);
    expect(pure).toEqual(webcrypto);
    expect(vectors.filter((_, i) => webcrypto[i]).map((v) => v.label)).toEqual(ACCEPTED);
  });

  test('the pure cofactorless equation equals raw OpenSSL on every vector OpenSSL can import', () => {
    let compared = 0;
    for (const v of vectors) {
      const { publicKey, message, signature } = bytesOf(v);
      const reference = openssl(publicKey, message, signature);
      if (reference === 'refused') continue;
      compared++;
      expect([v.label, cofactorlessVerify(publicKey, message, signature)]).toEqual([v.label, reference]);
    }
    expect(compared).toBeGreaterThan(150);
  });

  test('policy: small-order and non-canonical keys are refused on every path, even where raw OpenSSL accepts', async () => {
    let smallOrderAcceptedByOpenssl = 0;
    for (const v of vectors) {
      const { publicKey, message, signature } = bytesOf(v);
      const code = keyCode(publicKey);
      if (code === 'ok') continue;
      expect(['KEY_SMALL_ORDER', 'KEY_NON_CANONICAL', 'KEY_NOT_ON_CURVE']).toContain(code);
      expect(await verifyWith('webcrypto', publicKey, message, signature)).toBe(false);
      expect(await verifyWith('node', publicKey, message, signature)).toBe(false);
      expect(verifyPure(publicKey, message, signature)).toBe(false);
      if (openssl(publicKey, message, signature) === true) smallOrderAcceptedByOpenssl++;
    }
    // The reason the policy exists: OpenSSL alone accepts some of these.
    expect(smallOrderAcceptedByOpenssl).toBeGreaterThan(0);
  });

  test('assertAcceptablePublicKey codes', () => {
    const code = (hex: string | Uint8Array) => {
      try {
        assertAcceptablePublicKey(typeof hex === 'string' ? hexToBytes(hex) : hex);
        return 'ok';
      } catch (err) {
        expect(err).toBeInstanceOf(CryptoError);
        return (err as CryptoError).code;
      }
    };
    expect(code('0100000000000000000000000000000000000000000000000000000000000000')).toBe('KEY_SMALL_ORDER'); // identity
    expect(code('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')).toBe('KEY_SMALL_ORDER'); // y = -1, order 2
    expect(code('0100000000000000000000000000000000000000000000000000000000000080')).toBe('KEY_NON_CANONICAL'); // x = 0 with sign bit
    expect(code('eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')).toBe('KEY_NON_CANONICAL'); // y = p + 1
    expect(code('0200000000000000000000000000000000000000000000000000000000000000')).toBe('KEY_NOT_ON_CURVE');
    expect(code(new Uint8Array(31))).toBe('KEY_LENGTH');
    expect(code(new Uint8Array(33))).toBe('KEY_LENGTH');
    expect(code('5866666666666666666666666666666666666666666666666666666666666666')).toBe('ok'); // base point
    expect(() => assertAcceptablePublicKey('00' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('sign and verify', () => {
  test('RFC 8032 §7.1 TEST 1: the known signature, accepted on both paths', async () => {
    const kp = await keyPairFromSeed(hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
    expect(Buffer.from(kp.publicKey).toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const sig = await sign(kp.secretKey, new Uint8Array());
    expect(Buffer.from(sig).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(await verifyWith('webcrypto', kp.publicKey, new Uint8Array(), sig)).toBe(true);
    expect(await verifyWith('node', kp.publicKey, new Uint8Array(), sig)).toBe(true);
    expect(verifyPure(kp.publicKey, new Uint8Array(), sig)).toBe(true);
  });

  test('property: sign → verify holds on both paths; a flipped message bit fails on both', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 64 }), async (seed, message) => {
        const kp = await keyPairFromSeed(seed);
        const sig = await sign(kp.secretKey, message);
        expect(sig).toHaveLength(64);
        expect(await verify(kp.publicKey, message, sig)).toBe(true);
        expect(await verifyWith('webcrypto', kp.publicKey, message, sig)).toBe(true);
        expect(verifyPure(kp.publicKey, message, sig)).toBe(true);
        const other = Uint8Array.from([...message, 0]);
        expect(await verify(kp.publicKey, other, sig)).toBe(false);
        expect(await verifyWith('webcrypto', kp.publicKey, other, sig)).toBe(false);
        expect(verifyPure(kp.publicKey, other, sig)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  test('bad lengths return false, never throw; non-bytes are a TypeError', async () => {
    const kp = await generateKeyPair();
    const msg = new Uint8Array([1]);
    const sig = await sign(kp.secretKey, msg);
    for (const bad of [new Uint8Array(0), sig.subarray(0, 63), new Uint8Array(65)]) {
      expect(await verify(kp.publicKey, msg, bad)).toBe(false);
      expect(verifyPure(kp.publicKey, msg, bad)).toBe(false);
    }
    expect(await verify(kp.publicKey.subarray(0, 31), msg, sig)).toBe(false);
    expect(await verify(new Uint8Array(32), msg, sig)).toBe(false);
    const highS = Uint8Array.from(sig);
    highS[63] = 0xff;
    expect(await verify(kp.publicKey, msg, highS)).toBe(false);
    expect(verifyPure(kp.publicKey, msg, highS)).toBe(false);
    await expect(verify('x' as unknown as Uint8Array, msg, sig)).rejects.toThrow(TypeError);
    await expect(sign(new Uint8Array(31), msg)).rejects.toMatchObject({ code: 'SECRET_KEY_LENGTH' });
  });

  test('node path: keys that are views into larger buffers, and past the key cache bound, verify as before', async () => {
    const { NODE_KEY_CACHE_SIZE, nodeKeyCacheSize } = await import('../src/lib/ed25519-node.ts');
    const msg = new TextEncoder().encode('LP1 seal Sig_structure stand-in');
    const first = await keyPairFromSeed(new Uint8Array(32).fill(1));
    const firstSig = await sign(first.secretKey, msg);
    // The key as a subarray at an odd offset of a bigger buffer, as a decoder hands it over.
    const padded = new Uint8Array(45);
    padded.set(first.publicKey, 7);
    const view = padded.subarray(7, 39);
    expect(await verifyWith('node', view, msg, firstSig)).toBe(true);
    for (let i = 0; i < NODE_KEY_CACHE_SIZE + 20; i++) {
      const seed = new Uint8Array(32);
      seed[0] = i & 0xff;
      seed[1] = (i >> 8) + 2;
      const kp = await keyPairFromSeed(seed);
      const sig = await sign(kp.secretKey, msg);
      expect(await verifyWith('node', kp.publicKey, msg, sig)).toBe(true);
      expect(await verifyWith('node', kp.publicKey, msg, firstSig)).toBe(false);
    }
    expect(nodeKeyCacheSize()).toBe(NODE_KEY_CACHE_SIZE);
    // Evicted long ago, imported again, same verdicts; a changed signature byte still fails.
    expect(await verifyWith('node', first.publicKey, msg, firstSig)).toBe(true);
    const bad = Uint8Array.from(firstSig);
    bad[5]! ^= 1;
    expect(await verifyWith('node', first.publicKey, msg, bad)).toBe(false);
    // A refused key never enters the cache, whatever the signature.
    const identity = hexToBytes('0100000000000000000000000000000000000000000000000000000000000000');
    expect(await verifyWith('node', identity, msg, firstSig)).toBe(false);
    expect(nodeKeyCacheSize()).toBe(NODE_KEY_CACHE_SIZE);
  });

  test('generateKeyPair uses the injected randomness', async () => {
    const kp = await generateKeyPair((n) => new Uint8Array(n).fill(7));
    expect(kp.secretKey).toEqual(new Uint8Array(32).fill(7));
    expect(kp).toEqual(await keyPairFromSeed(new Uint8Array(32).fill(7)));
  });
});
