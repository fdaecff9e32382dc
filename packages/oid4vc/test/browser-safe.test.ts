// The wallet page runs the wallet side of OpenID4VCI/VP with these callbacks: the package must
// bundle for the browser with nothing from Node, and the bundle must hash, sign and verify.
import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { didKeyFromPublicKey, generateKeyPair } from '@lp/crypto';

describe('@lp/oid4vc is browser-safe', () => {
  it('bundles for the browser; the bundle hashes (FIPS 180-2 "abc"), signs a JWT and verifies it only against the key it names', async () => {
    const out = await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
      // For the browser platform esbuild refuses Node built-ins: a `node:crypto` import fails here.
      bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    expect(code).not.toMatch(/from ["']node:/);
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as typeof import('../src/index.ts');

    const holder = await generateKeyPair();
    const other = await generateKeyPair();
    const cb = mod.createJoseCallbacks({ signingKeys: [holder] });
    // FIPS 180-2 appendix B.1: SHA-256("abc").
    const digest = await cb.hash(new TextEncoder().encode('abc'), 'sha-256' as never);
    expect(Buffer.from(digest).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(cb.generateRandom(32)).toHaveLength(32);

    const did = didKeyFromPublicKey(holder.publicKey);
    const signer = { method: 'did' as const, didUrl: `${did}#${did.slice(8)}`, alg: 'EdDSA' };
    const { jwt } = await cb.signJwt(signer, { header: { alg: 'EdDSA', typ: 'openid4vci-proof+jwt' }, payload: { nonce: 'n-1', aud: 'https://issuer.example' } });
    expect(await cb.verifyJwt(signer, { compact: jwt, header: {} as never, payload: {} as never })).toMatchObject({ verified: true });
    const otherDid = didKeyFromPublicKey(other.publicKey);
    expect(await cb.verifyJwt({ ...signer, didUrl: `${otherDid}#${otherDid.slice(8)}` }, { compact: jwt, header: {} as never, payload: {} as never })).toMatchObject({ verified: false });
    // A key this side does not hold cannot sign.
    await expect(cb.signJwt({ ...signer, didUrl: `${otherDid}#${otherDid.slice(8)}` }, { header: { alg: 'EdDSA' }, payload: {} })).rejects.toThrow(TypeError);
  });
});
