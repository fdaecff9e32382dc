// `lp wallet receive` with OpenID4VCI offers from our issuer app (real router, real SQLite, port
// 0): by URI and by a photo of the offer QR, bound to the profile's holder DID, verified with the
// held trust bundle before it is kept; a used offer, a missing or wrong PIN each with its code.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTrustBundle, signTrustBundle, zTrustFragment } from '@lp/trust';
import { ISSUE_FROM_CATALOGUE, T0, post, startTestIssuer, type TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { party } from '../../packages/verify/test/lib/make-world.ts';
import { startServer } from '../../cli/src/server.ts';

const LP = fileURLToPath(new URL('../../cli/bin/lp.js', import.meta.url));
const NOW = new Date(T0.getTime() + 3600_000);

let issuer: TestIssuer;
let work: string;
let holder: string;
let anchorDid = '';
const wallet = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '', HOME: work, LP_WALLET_DIR: join(work, 'w'), LP_PASSPHRASE: 'learner pass', LP_NOW: NOW.toISOString() };
    execFile(process.execPath, [LP, 'wallet', ...args], { cwd: work, env }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
/** Every file of the wallet directory with its bytes: equal means nothing kept changed. */
const snapshot = (): string => {
  const dir = join(work, 'w');
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  return JSON.stringify(walk(dir).sort().map((f) => [f, readFileSync(f).toString('base64')]));
};

async function offer(extra: Record<string, unknown> = {}): Promise<{ id: string; uri: string; qrPng: string; txCode?: string }> {
  const res = await post(issuer, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, pickup: true } });
  expect(res.status).toBe(201);
  const issued = (await res.json()) as { id: string; credentialOffer: { uri: string; qrPng: string } };
  if (Object.keys(extra).length === 0) return { id: issued.id, ...issued.credentialOffer };
  const made = await post(issuer, '/oid4vci/offers', { credentialIds: [issued.id], ...extra });
  return { id: issued.id, ...((await made.json()) as { uri: string; qrPng: string; txCode?: string }) };
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  issuer.setNow(NOW);
  work = mkdtempSync(join(tmpdir(), 'lp-wallet-oid4vci-'));
  const init = await wallet(['init']);
  expect(init.code).toBe(0);
  holder = init.stdout.trim().split('\n').at(-1)!;
  // The status lists open with the first credential: the bundle must carry them.
  expect((await post(issuer, '/credentials/issue', ISSUE_FROM_CATALOGUE)).status).toBe(201);
  const anchor = await party(1);
  const fragment = zTrustFragment.parse(await fetch(`${issuer.url}/trust/fragment`).then((r) => r.json()));
  const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: T0.toISOString(), expires: new Date(T0.getTime() + 90 * 86400_000).toISOString(), anchorDid: anchor.did });
  writeFileSync(join(work, 'bundle.json'), JSON.stringify(await signTrustBundle(payload, anchor.keyPair)));
  expect((await wallet(['trust', 'bundle.json', '--anchor', anchor.did])).code).toBe(0);
  anchorDid = anchor.did;
}, 300_000);
afterAll(async () => {
  await issuer.stop();
});

describe('lp wallet receive OFFER_URI|QR.png (OpenID4VCI)', () => {
  test('receives once by URI: VALID, bound to the holder DID; the same offer again is OFFER_USED and changes nothing', async () => {
    const o = await offer();
    const first = await wallet(['receive', o.uri, '--json']);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ outcome: 'added', id: o.id, verdict: 'VALID' });
    const shown = JSON.parse((await wallet(['show', o.id, '--json'])).stdout) as { credentialSubject: { id: string } };
    expect(shown.credentialSubject.id).toBe(holder);

    const before = snapshot();
    const again = await wallet(['receive', o.uri]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('OFFER_USED');
    expect(snapshot()).toBe(before);
  }, 300_000);

  test('receives from a photo of the offer QR; a PIN offer without --pin is TX_CODE_REQUIRED, with a wrong one TX_CODE_WRONG, with the right one VALID', async () => {
    const o = await offer({ txCode: true });
    writeFileSync(join(work, 'offer.png'), Buffer.from(o.qrPng.split(',')[1]!, 'base64'));
    const before = snapshot();
    const none = await wallet(['receive', 'offer.png']);
    expect([none.code, none.stderr.includes('TX_CODE_REQUIRED')]).toEqual([2, true]);
    // The issuer's description of its PIN, so the learner knows where to look.
    expect(none.stderr).toContain('the issuer says: "PIN sent to you with this offer"');
    const wrong = await wallet(['receive', 'offer.png', '--pin', o.txCode === '000000' ? '111111' : '000000']);
    expect([wrong.code, wrong.stderr.includes('TX_CODE_WRONG')]).toEqual([2, true]);
    expect(snapshot()).toBe(before);
    const right = await wallet(['receive', 'offer.png', '--pin', o.txCode!, '--json']);
    expect(right.stderr).toBe('');
    expect(JSON.parse(right.stdout)).toMatchObject({ outcome: 'added', id: o.id, verdict: 'VALID' });
  }, 300_000);

  test('answers an OpenID4VP request from lp serve with the credential the learner chose (VALID); a second answer is refused', async () => {
    const o = await offer();
    expect((await wallet(['receive', o.uri])).code).toBe(0);
    const served = await startServer({ port: 0, env: { LP_TRUST_BUNDLE: join(work, 'bundle.json'), LP_TRUST_ANCHORS: anchorDid, LP_DATA_DIR: join(work, 'verifier-data'), LP_DEMO: '0' }, cwd: work, log: () => {}, now: () => NOW });
    try {
      const request = await (await fetch(`${served.url}/oid4vp/requests`, { method: 'POST' })).json() as { id: string; uri: string };
      const sent = await wallet(['respond', request.uri, '--ids', o.id, '--json']);
      expect(sent.stderr).toBe('');
      expect(JSON.parse(sent.stdout)).toMatchObject({ ids: [o.id], status: 200, verdict: 'VALID' });
      const page = await (await fetch(`${served.url}/oid4vp/requests/${request.id}`)).json() as { verdict: string };
      expect(page.verdict).toBe('VALID');
      const again = await wallet(['respond', request.uri, '--ids', o.id]);
      expect([again.code, again.stderr.includes('RESPONSE_ALREADY_RECEIVED')]).toEqual([2, true]);
    } finally {
      await served.stop();
    }
  }, 300_000);

  test('text that is no offer is OFFER_INVALID', async () => {
    const r = await wallet(['receive', 'openid-credential-offer://?credential_offer=%7B%7D']);
    expect([r.code, r.stderr.includes('OFFER_INVALID')]).toEqual([2, true]);
    // A link to the wallet page whose #offer= holds no offer is refused, never taken for a pick-up link.
    const page = await wallet(['receive', 'http://localhost:1/wallet#offer=https%3A%2F%2Fexample.org']);
    expect([page.code, page.stderr.includes('OFFER_INVALID')]).toEqual([2, true]);
  }, 120_000);
});
