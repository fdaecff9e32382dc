// A revocation reaches every verifier of a running system without a restart (README "Verdict
// rules", fresh trust): the DEMO credential is VALID on the page, the issuer revokes it, the
// anchor rebuilds the bundle file the server was started with; then POST /seals/verify, the
// verifier page (real headless Chromium, which fetches the newer bundle on load) and
// `lp verify --json` all say INVALID STATUS_REVOKED, with the same check codes; the wallet page,
// which imported the credential while it was VALID, shows it INVALID on its next load.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoFiles, launchChromium, LP, pasteAndVerify, startServerProcess, type PageResult, type ServerProcess } from './lib/browser-helpers.ts';

// The same shape from the page, `lp verify --json` and POST /verify.
type Result = PageResult;
const DEMO_PASSPHRASE = 'demo-passphrase-DEMO';

let server: ServerProcess;
let browser: Browser;
let page: Page;
let wallet: Page;

function cliVerify(file: string, bundle: string, anchor: string): Result {
  let out: string;
  try {
    out = execFileSync(process.execPath, [LP, 'verify', file, '--trust', bundle, '--anchor', anchor, '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  } catch (err) {
    out = (err as { stdout: string }).stdout;
  }
  return JSON.parse(out) as Result;
}

async function serverVerify(seal: string): Promise<[number, Result]> {
  const res = await fetch(`${server.url}/seals/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seal }) });
  return [res.status, (await res.json()) as Result];
}

const codes = (r: Result) => r.checks.map((c) => `${c.id}:${c.status}:${c.code}`);

beforeAll(async () => {
  server = await startServerProcess();
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await page.goto(`${server.url}/verify`);
  await page.waitForSelector('body[data-ready=true]');
  wallet = await page.context().newPage();
  await wallet.goto(`${server.url}/wallet`);
  await wallet.waitForSelector('body[data-ready=true]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a revocation while the system runs', () => {
  test('VALID everywhere, then revoked and the bundle file rebuilt: INVALID STATUS_REVOKED on the server, the page and the CLI, without a restart', async () => {
    const files = demoFiles(server.dataDir);
    const demo = path.dirname(files.bundle);
    const seal = fs.readFileSync(files.seal, 'utf8').trim();
    const anchor = fs.readFileSync(path.join(demo, 'ANCHOR.txt'), 'utf8').trim();

    const before = await serverVerify(seal);
    expect([before[0], before[1].verdict]).toEqual([200, 'VALID']);
    expect((await pasteAndVerify(page, seal)).verdict).toBe('VALID');
    await wallet.fill('#create-pass', DEMO_PASSPHRASE);
    await wallet.fill('#create-pass2', DEMO_PASSPHRASE);
    await wallet.click('#create-form button[type=submit]');
    await wallet.waitForSelector('body[data-view=wallet]', { timeout: 60_000 });
    await wallet.setInputFiles('#import-file', [files.record, files.seal]);
    await wallet.waitForSelector('#list li.card[data-checked=now] .badge.VALID', { timeout: 60_000 });

    // The issuer revokes (its API on the same server) …
    const id = (JSON.parse(fs.readFileSync(files.record, 'utf8')) as { id: string }).id;
    const apiKey = fs.readFileSync(path.join(demo, 'API-KEY.txt'), 'utf8').trim();
    const revoked = await fetch(`${server.url}/credentials/status`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ credentialId: id, action: 'revoke', reason: 'DEMO: marks entered wrongly' }),
    });
    expect(revoked.status).toBe(200);
    // … and the anchor rebuilds the bundle from the issuer's fragment (fresh status snapshot).
    fs.writeFileSync(path.join(demo, 'fragment-new.json'), await (await fetch(`${server.url}/trust/fragment`)).text());
    const held = JSON.parse(Buffer.from((JSON.parse(fs.readFileSync(files.bundle, 'utf8')) as { payload: string }).payload, 'base64url').toString('utf8')) as { sequence: number };
    const tmp = path.join(demo, 'bundle-new.json');
    execFileSync(process.execPath, [LP, 'trust', 'build', '--anchor', path.join(demo, 'anchor-key.json'), '--add', path.join(demo, 'fragment-new.json'),
      '--sequence', String(held.sequence + 1), '--expires', new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10), '--out', tmp],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LP_PASSPHRASE: DEMO_PASSPHRASE } });
    fs.renameSync(tmp, files.bundle);

    const [status, onServer] = await serverVerify(seal);
    expect([status, onServer.verdict, onServer.checks.find((c) => c.id === 'status')?.code]).toEqual([422, 'INVALID', 'STATUS_REVOKED']);

    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    const onPage = await pasteAndVerify(page, seal);
    expect(await page.locator('#verdict-word').textContent()).toBe('INVALID');
    const onCli = cliVerify(files.seal, files.bundle, anchor);
    expect({ page: onPage.verdict, cli: onCli.verdict }).toEqual({ page: 'INVALID', cli: 'INVALID' });
    expect(codes(onPage)).toEqual(codes(onCli));
    expect(codes(onServer)).toEqual(codes(onCli));

    await wallet.reload();
    await wallet.waitForSelector('body[data-view=unlock]');
    await wallet.fill('#unlock-pass', DEMO_PASSPHRASE);
    await wallet.click('#unlock-form button[type=submit]');
    await wallet.waitForSelector('#list li.card[data-checked=now]', { timeout: 60_000 });
    expect(await wallet.locator('#list li.card .badge').getAttribute('class')).toBe('badge INVALID');
  }, 240_000);
});
