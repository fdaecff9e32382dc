// Credentials from other stacks verify in the browser exactly as in Node: the verifier page,
// given a trust bundle that lists 1EdTech's and the DCC's test issuers (LP_TRUST_BUNDLE), verifies
// an https-method eddsa-rdfc-2022 record, VC 1.1 + Ed25519Signature2020, a proof set with an
// unknown proof, an RS256 JWT (WebCrypto through jose) and the DCC's Ed25519Signature2020 record,
// and gives the same verdict and check codes as @lp/verify in Node for each, bad ones included.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { verifyTrustBundle } from '@lp/trust';
import { verifyAny } from '@lp/verify';
import { foreignFragments, read, signedBundle } from '../lib/foreign-issuers.ts';
import { launchChromium, startServerProcess, type ServerProcess } from './lib/browser-helpers.ts';

interface Hooks { result?: { verdict: string; checks: { id: string; status: string; code: string }[] } }

let server: ServerProcess;
let browser: Browser;
let page: Page;
let bundleText = '';
let anchorDid = '';
let dir = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-foreign-'));
  const signed = await signedBundle(foreignFragments(), '2099-01-01T00:00:00Z');
  anchorDid = signed.anchorDid;
  bundleText = JSON.stringify(signed.jws);
  fs.writeFileSync(path.join(dir, 'bundle.json'), bundleText);
  server = await startServerProcess({ LP_TRUST_BUNDLE: path.join(dir, 'bundle.json'), LP_TRUST_ANCHORS: anchorDid, LP_DEMO: '0' });
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await page.goto(`${server.url}/verify`);
  await page.waitForSelector('body[data-ready=true]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function inBrowser(text: string) {
  await page.evaluate(() => { delete document.body.dataset.verdict; });
  await page.evaluate(() => { (document.querySelector('details.paste') as HTMLDetailsElement).open = true; });
  await page.fill('#paste-text', text);
  await page.click('#paste-verify');
  await page.waitForSelector('body[data-verdict]');
  return (await page.evaluate(() => (globalThis as unknown as { __lp: Hooks }).__lp.result))!;
}

describe('verifier page with foreign issuers in its bundle', () => {
  test.each([
    ['1edtech/ob30/simple.json', 'VALID'],
    ['1edtech/ob30/simple_v1.json', 'VALID'],
    ['1edtech/ob30/simple-multiple-proofs.json', 'VALID'],
    ['1edtech/ob30/simple-did-key-method.json', 'VALID'],
    ['1edtech/ob30/simple-jwt.png-itxt.jwt', 'VALID'],
    ['1edtech/clr20/simple.json', 'VALID'],
    ['dcc/v2NoStatus.json', 'VALID'],
    ['1edtech/ob30/simple-err-proof-method.json', 'UNKNOWN'],
    ['1edtech/ob30/simple-err-proof-value.json', 'INVALID'],
  ])('%s → %s, the same verdict and codes as in Node', async (file, verdict) => {
    const text = read(file);
    const browserResult = await inBrowser(text);
    const now = new Date();
    const v = await verifyTrustBundle(bundleText, { anchors: [anchorDid], now });
    if (!v.ok) throw new Error(v.code);
    const node = await verifyAny(text, { bundle: v, now });
    expect({ file, verdict: browserResult.verdict, codes: browserResult.checks.map((c) => `${c.id}:${c.status}:${c.code}`) })
      .toEqual({ file, verdict: node.verdict, codes: node.checks.map((c) => `${c.id}:${c.status}:${c.code}`) });
    expect(browserResult.verdict).toBe(verdict);
  });
});
