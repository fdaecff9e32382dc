// The wallet against the real issuer app (in-process router, real SQLite): issue with the
// learner's holder DID as subject and a pick-up code, build a trust bundle from the issuer's
// fragment, `lp wallet receive` once (VALID), then PICKUP_USED, then present the credential.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDocumentLoader } from '@lp/contexts';
import { verifyPresentationDi } from '@lp/formats';
import { buildTrustBundle, signTrustBundle, zTrustFragment } from '@lp/trust';
import { ISSUE_FROM_CATALOGUE, T0, post, startTestIssuer, type TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { party } from '../../packages/verify/test/lib/make-world.ts';

const LP = fileURLToPath(new URL('../../cli/bin/lp.js', import.meta.url));
const NOW = new Date(T0.getTime() + 3600_000);

let issuer: TestIssuer;
let work: string;
const wallet = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '', HOME: work, LP_WALLET_DIR: join(work, 'w'), LP_PASSPHRASE: 'learner pass', LP_NOW: NOW.toISOString() };
    execFile(process.execPath, [LP, 'wallet', ...args], { cwd: work, env }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });

beforeAll(async () => {
  issuer = await startTestIssuer();
  work = mkdtempSync(join(tmpdir(), 'lp-wallet-e2e-'));
}, 60_000);
afterAll(async () => {
  await issuer.stop();
});

describe('lp wallet receive from the issuer app', () => {
  test('receive once (VALID, record as issued), then PICKUP_USED; the received credential presents', async () => {
    const init = await wallet(['init']);
    expect(init.code).toBe(0);
    const holder = init.stdout.trim().split('\n').at(-1)!;
    const res = await post(issuer, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, id: holder }, pickup: true } });
    expect(res.status).toBe(201);
    const issued = (await res.json()) as { id: string; verifiableCredential: Record<string, unknown>; pickup: { code: string } };

    const anchor = await party(1);
    const fragment = zTrustFragment.parse(await fetch(`${issuer.url}/trust/fragment`).then((r) => r.json()));
    const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: T0.toISOString(), expires: new Date(T0.getTime() + 90 * 86400_000).toISOString(), anchorDid: anchor.did });
    writeFileSync(join(work, 'bundle.json'), JSON.stringify(await signTrustBundle(payload, anchor.keyPair)));
    expect((await wallet(['trust', 'bundle.json', '--anchor', anchor.did])).code).toBe(0);

    const url = `${issuer.url}/pickup/${issued.pickup.code}`;
    const first = await wallet(['receive', url, '--json']);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ outcome: 'added', id: issued.id, verdict: 'VALID' });
    const shown = await wallet(['show', issued.id, '--json']);
    expect(JSON.parse(shown.stdout)).toEqual(issued.verifiableCredential);
    const list = JSON.parse((await wallet(['list', '--json'])).stdout) as { forms: string[] }[];
    expect(list[0]!.forms).toEqual(['record', 'seal']);

    const again = await wallet(['receive', url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('PICKUP_USED');

    const made = await wallet(['present', '--challenge', 'c-123', '--domain', 'school.example', '--out', 'vp.json']);
    expect(made.code).toBe(0);
    const vp = JSON.parse(readFileSync(join(work, 'vp.json'), 'utf8')) as Record<string, unknown>;
    const r = await verifyPresentationDi(vp, { documentLoader: createDocumentLoader(), challenge: 'c-123', domain: 'school.example' });
    expect(r.check.code).toBe('PRESENTATION_SIGNATURE_VALID');
    expect(r.signer).toBe(holder);
  }, 120_000);
});
