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
