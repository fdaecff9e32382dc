// README "Quick start", run as written: `lp serve` on a fresh directory seeds the DEMO issuer;
// issue through its API with the DEMO key, verify a DEMO seal PNG with `lp verify`, and collect a
// DEMO certificate's credentials with `lp wallet receive` from its pick-up link, and another DEMO
// learner's with the OpenID4VCI offer beside it (either of its two links).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib/listen.ts';

const LP = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'bin', 'lp.js');
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-quickstart-'));
const demo = path.join(cwd, 'data', 'demo');
let child: ChildProcess;
let base = '';
let out = '';

function lp(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [LP, ...args], {
    cwd, encoding: 'utf8', timeout: 120_000,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, LP_WALLET_DIR: path.join(cwd, 'wallet-data'), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The pick-up link printed for the demo base URL (localhost:8080), on the port this test's server got. */
const onThisServer = (url: string) => url.replace(/^http:\/\/localhost:\d+/, base);

beforeAll(async () => {
  // As `npm start` in a fresh clone: no LP_DATA_DIR (./data), no trust bundle configured. A free
  // port fixed before the start: the DEMO issuer keeps the address it was created with (its offers name it).
  child = spawn(process.execPath, [LP, 'serve', '--port', String(await freePort())], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 150_000);
    child.stdout!.on('data', () => {
      const m = /listening on http:\/\/localhost:(\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${out}`)); });
  });
}, 300_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    await new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); });
  }
  fs.rmSync(cwd, { recursive: true, force: true });
});

describe('README quick start on a fresh directory', () => {
  test('the server says where the pages, the issuer API and the DEMO files are', () => {
    expect(out).toMatch(/Verifier page: http:\/\/localhost:\d+\/verify \(DEMO\)/);
    expect(out).toMatch(/Wallet page: +http:\/\/localhost:\d+\/wallet \(DEMO\)/);
    expect(out).toMatch(/Issuer API: +http:\/\/localhost:\d+\/credentials\/issue \(DEMO issuer\)/);
    expect(out).toContain('data/demo/API-KEY.txt');
    expect(out).toContain('OpenID4VCI offers (OFFER.txt, offer.png) in data/demo/<learner>/');
    for (const f of ['API-KEY.txt', 'ANCHOR.txt', 'anchor-key.json', 'bundle.json', 'issuer/issuer.sqlite', 'amina-haddad/certificate.pdf', 'amina-haddad/PICKUP.txt', 'amina-haddad/OFFER.txt', 'amina-haddad/offer.png']) {
      expect(fs.existsSync(path.join(demo, f))).toBe(true);
    }
  });

  test('(a) issue: POST /credentials/issue with the DEMO API key and a catalogue code', async () => {
    const key = fs.readFileSync(path.join(demo, 'API-KEY.txt'), 'utf8').trim();
    const res = await fetch(`${base}/credentials/issue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ options: { achievement: 'DEMO-MATH', subject: { name: 'Sami Nasser', dateOfBirth: '2010-01-05' }, result: { value: '72' }, pickup: true } }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; seal: string; pickup: { url: string } };
    expect(body.seal).toMatch(/^LP1:/);
    // The issued credential is collected into a wallet like any other (bundle status snapshot covers it).
    const anchor = fs.readFileSync(path.join(demo, 'ANCHOR.txt'), 'utf8').trim();
    const env = { LP_PASSPHRASE: 'quickstart-learner-2' };
    expect(lp(['wallet', 'init', '--profile', 'sami'], env).status).toBe(0);
    expect(lp(['wallet', 'trust', 'data/demo/bundle.json', '--anchor', anchor, '--profile', 'sami'], env).status).toBe(0);
    const r = lp(['wallet', 'receive', onThisServer(body.pickup.url), '--profile', 'sami'], env);
    expect(r.stdout).toContain('VALID');
    expect(r.status).toBe(0);
  }, 300_000);

  test('(c) scan: lp verify of a DEMO seal PNG with the DEMO bundle and anchor → VALID, exit 0', () => {
    const anchor = fs.readFileSync(path.join(demo, 'ANCHOR.txt'), 'utf8').trim();
    const r = lp(['verify', 'data/demo/amina-haddad/demo-math.png', '--trust', 'data/demo/bundle.json', '--anchor', anchor]);
    expect(r.stdout).toContain('verdict: VALID');
    expect(r.status).toBe(0);
  }, 300_000);

  test('(b) wallet: init, trust the DEMO bundle, receive with the pick-up link of a DEMO certificate → VALID', () => {
    const anchor = fs.readFileSync(path.join(demo, 'ANCHOR.txt'), 'utf8').trim();
    const env = { LP_PASSPHRASE: 'quickstart-learner-1' };
    expect(lp(['wallet', 'init'], env).status).toBe(0);
    expect(lp(['wallet', 'trust', 'data/demo/bundle.json', '--anchor', anchor], env).status).toBe(0);
    const link = fs.readFileSync(path.join(demo, 'amina-haddad', 'PICKUP.txt'), 'utf8').trim();
    const r = lp(['wallet', 'receive', onThisServer(link)], env);
    expect(r.stdout).toContain('received 2 credentials: 2 VALID');
    expect(r.status).toBe(0);
  }, 300_000);

  test('(b) wallet: a DEMO learner\'s OpenID4VCI offer (OFFER.txt, either link) is received VALID and spends the pick-up code beside it', () => {
    const anchor = fs.readFileSync(path.join(demo, 'ANCHOR.txt'), 'utf8').trim();
    const env = { LP_PASSPHRASE: 'quickstart-learner-3' };
    expect(lp(['wallet', 'init', '--profile', 'zahra'], env).status).toBe(0);
    expect(lp(['wallet', 'trust', 'data/demo/bundle.json', '--anchor', anchor, '--profile', 'zahra'], env).status).toBe(0);
    const lines = (learner: string) => fs.readFileSync(path.join(demo, learner, 'OFFER.txt'), 'utf8').split('\n');
    const [offer, pageLink, end] = lines('zahra-ahmadi');
    expect(end).toBe('');
    // The standard link names the DEMO issuer at the address the server listens on; the second
    // link opens the same offer in that server's wallet page.
    expect(offer).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    expect(JSON.parse(new URL(offer!).searchParams.get('credential_offer')!).credential_issuer).toBe(base.replace('127.0.0.1', 'localhost'));
    expect(pageLink).toBe(`${base.replace('127.0.0.1', 'localhost')}/wallet#offer=${encodeURIComponent(offer!)}`);
    const r = lp(['wallet', 'receive', offer!, '--profile', 'zahra'], env);
    expect(r.stdout).toContain('received 1 credential: 1 VALID');
    expect(r.status).toBe(0);
    // One copy per learner: the certificate's pick-up code was the other door to it.
    const again = lp(['wallet', 'receive', onThisServer(fs.readFileSync(path.join(demo, 'zahra-ahmadi', 'PICKUP.txt'), 'utf8').trim()), '--profile', 'zahra'], env);
    expect(again.stderr).toContain('PICKUP_USED');
    expect(again.status).toBe(2);

    // The page link works with the command line too (a learner may have only that one).
    const [, kovalenkoLink] = lines('oleksandr-kovalenko');
    const byLink = lp(['wallet', 'receive', kovalenkoLink!, '--profile', 'zahra', '--json'], env);
    expect(byLink.status).toBe(0);
    const got = byLink.stdout.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; id: string });
    expect(got.map((g) => g.verdict)).toEqual(['VALID', 'VALID']);
    const held = JSON.parse(lp(['wallet', 'list', '--json', '--profile', 'zahra'], env).stdout) as { id: string }[];
    expect(held).toHaveLength(3);
  }, 300_000);
});
