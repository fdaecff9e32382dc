import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { keyPairFromSeed, didKeyFromPublicKey } from '@lp/crypto';
import { verifyAny, type VerificationResult } from '../src/index.ts';
import { forbidNetwork, issue, makeBundle, NOW, party, statusList, REVOCATION_LIST, REVOKED_INDEX, type Party } from './lib/make-world.ts';

// A did:web issuer: its keys exist only in the trust bundle, so the DI proof, the JWT and the seal
// (and the status list's own proof) can only verify through the bundle; nothing is fetched.
let net: ReturnType<typeof forbidNetwork>;
let web: Party;
beforeAll(async () => {
  net = forbidNetwork();
  const keyPair = await keyPairFromSeed(new Uint8Array(32).fill(11));
  const did = 'did:web:exams.moe.example';
  web = { keyPair, did, vm: `${did}#key-2024-1` };
});
afterAll(() => {
  net.restore();
  expect(net.calls).toEqual([]);
});
const check = (r: VerificationResult, id: string) => r.checks.find((c) => c.id === id)!;

test('a did:web issuer verifies in every form from the bundle alone; revocation too', async () => {
  const anchor = await party(1);
  const list = await statusList(web, REVOCATION_LIST, 'revocation', [REVOKED_INDEX]);
  const multibase = didKeyFromPublicKey(web.keyPair.publicKey).slice('did:key:'.length);
  const { bundle } = await makeBundle(anchor, { ...web, did: web.did }, [list], { key: { publicKeyMultibase: multibase } });
  const good = await issue(web);
  for (const input of [good.seal, good.di, good.jwt]) {
    const r = await verifyAny(input, { bundle, now: NOW });
    expect(r.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}:${c.code}`)).toEqual([]);
    expect(r.verdict).toBe('VALID');
  }
  const revoked = await issue(web, { status: [{ purpose: 'revocation', index: REVOKED_INDEX }] });
  const r = await verifyAny(revoked.di, { bundle, now: NOW });
  expect(check(r, 'status')).toMatchObject({ status: 'fail', code: 'STATUS_REVOKED' });
  // Without the bundle the did:web key cannot be found: never VALID.
  const none = await verifyAny(good.seal, { bundle: undefined, now: NOW, requiredChecks: ['signature'] });
  expect(check(none, 'signature')).toMatchObject({ status: 'unknown', code: 'SIGNATURE_KEY_UNKNOWN' });
  expect(none.verdict).toBe('UNKNOWN');
});
