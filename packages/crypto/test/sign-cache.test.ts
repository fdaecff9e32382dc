import { describe, expect, test } from '@jest/globals';
import { keyPairFromSeed, sign, verify } from '../src/index.ts';

describe('sign keeps one imported key per seed', () => {
  test('a seed array overwritten in place signs with the new key, never the cached one', async () => {
    const seed = new Uint8Array(32).fill(1);
    const msg = new TextEncoder().encode('results');
    const a = await keyPairFromSeed(seed.slice());
    expect(await verify(a.publicKey, msg, await sign(seed, msg))).toBe(true);
    seed.fill(2);
    const b = await keyPairFromSeed(seed.slice());
    const sig = await sign(seed, msg);
    expect(await verify(b.publicKey, msg, sig)).toBe(true);
    expect(await verify(a.publicKey, msg, sig)).toBe(false);
  });
});

describe('sign in Node (OpenSSL) gives the bytes of WebCrypto', () => {
  test('the same signature as crypto.subtle for several seeds and messages', async () => {
    const pkcs8 = (seed: Uint8Array) => new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20, ...seed]);
    for (let k = 0; k < 4; k++) {
      const seed = new Uint8Array(32).map((_, i) => (i * 7 + k * 31) & 0xff);
      const key = await crypto.subtle.importKey('pkcs8', pkcs8(seed), { name: 'Ed25519' }, false, ['sign']);
      for (const msg of [new Uint8Array(0), new TextEncoder().encode(`results ${k}`), new Uint8Array(1000).fill(k)]) {
        const ours = await sign(seed, msg);
        expect(ours.byteLength).toBe(64);
        expect(ours.buffer.byteLength).toBe(64);
        expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(await crypto.subtle.sign({ name: 'Ed25519' }, key, msg)).toString('hex'));
      }
    }
  });
});
