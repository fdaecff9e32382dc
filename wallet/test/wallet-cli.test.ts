import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { decodeQrFromFile } from '@lp/qr/node';
import { createChallengeStore, createPresentationRouter } from '@lp/verifier';
import { documentLoader, issue, makeBundle, makeWorld, NOW, type World } from '../../packages/verify/test/lib/make-world.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const LP = `${REPO}cli/bin/lp.js`;
const PASS = 'correct horse battery staple';
const DOMAIN = 'verifier.school.example';

type Run = { code: number; stdout: string; stderr: string };

function lp(args: string[], opts: { dir: string; cwd: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '', HOME: opts.cwd, LP_WALLET_DIR: opts.dir, LP_PASSPHRASE: PASS, LP_NOW: NOW.toISOString(), ...opts.env };
    const child = execFile(process.execPath, [LP, 'wallet', ...args], { cwd: opts.cwd, env, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

/** Every file under a folder with its bytes: "nothing changed" is a byte comparison. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    let entries: string[] = [];
    try { entries = readdirSync(d); } catch { return; }
    for (const name of entries) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

let world: World;
let work: string;
let walletA: string;
let holderDid: string;
let credId: string;
let recordText: string;

const inA = (args: string[], env?: Record<string, string>) => lp(args, { dir: walletA, cwd: work, ...(env ? { env } : {}) });

beforeAll(async () => {
  world = await makeWorld();
  work = mkdtempSync(join(tmpdir(), 'lp-wallet-cli-'));
  walletA = join(work, 'wallet-a');
  writeFileSync(join(work, 'bundle.json'), JSON.stringify(world.jws));
  const init = await inA(['init']);
  expect(init.code).toBe(0);
  holderDid = init.stdout.trim().split('\n').at(-1)!;
  expect(holderDid).toMatch(/^did:key:z6Mk/);
  // The issuer puts the learner's holder DID as the subject id, so presentations bind.
  const issued = await issue(world.issuer, { mutate: (c) => { c.credentialSubject.id = holderDid; } });
  credId = issued.credential.id as string;
  // Pretty-printed with a trailing newline: stored and shown back exactly as received.
  recordText = JSON.stringify(issued.di, null, 2) + '\n';
  writeFileSync(join(work, 'record.json'), recordText);
  writeFileSync(join(work, 'seal.txt'), issued.seal + '\n');
  const tampered = structuredClone(issued.di) as Record<string, any>;
  tampered.id = 'urn:uuid:00000000-0000-4000-8000-00000000dead';
  tampered.credentialSubject.result[0].value = '600';
  writeFileSync(join(work, 'tampered.json'), JSON.stringify(tampered));
  const trust = await inA(['trust', 'bundle.json', '--anchor', world.anchor.did]);
  expect(trust).toMatchObject({ code: 0 });
}, 300_000);

describe('lp wallet: profile, import, view', () => {
  test('import a full record and its seal: one credential, VALID, stored exactly as received', async () => {
    const a = await inA(['import', 'record.json']);
    expect(a.stderr).toBe('');
    expect(a).toMatchObject({ code: 0 });
    expect(a.stdout).toContain('VALID');
    const b = await inA(['import', 'seal.txt', '--json']);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ outcome: 'updated', id: credId, verdict: 'VALID' });
    const list = await inA(['list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: credId, kind: 'AchievementCredential', verdict: 'VALID', forms: ['record', 'seal'] })]);
    const show = await inA(['show', credId, '--json']);
    expect(show.stdout).toBe(recordText);
  }, 300_000);

  test('show --lang ar wraps the Arabic names in isolates; qr --out writes a PNG that decodes to the seal', async () => {
    const show = await inA(['show', credId, '--lang', 'ar']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('\u2067امتحان شهادة التعليم الأساسي – الرياضيات\u2069');
    expect(show.stdout).toContain('now         VALID');
    const qr = await inA(['qr', credId, '--out', 'seal.png']);
    expect(qr.code).toBe(0);
    const decoded = await decodeQrFromFile(new Uint8Array(readFileSync(join(work, 'seal.png'))));
    expect(decoded.text).toBe(readFileSync(join(work, 'seal.txt'), 'utf8').trim());
    // A photo of the seal imports too (content sniffed), and is still the same one credential.
    const photo = await inA(['import', 'seal.png', '--json']);
    expect(JSON.parse(photo.stdout)).toMatchObject({ outcome: 'updated', id: credId, verdict: 'VALID' });
    const pdf = await inA(['print', '--out', 'paper.pdf']);
    expect(pdf.code).toBe(0);
    expect(readFileSync(join(work, 'paper.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 300_000);

  test('a tampered credential is refused (exit 1, wallet unchanged), or kept with --keep-invalid and shown INVALID', async () => {
    const before = snapshot(walletA);
    const refused = await inA(['import', 'tampered.json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused');
    expect(snapshot(walletA)).toEqual(before);
    const kept = await inA(['import', 'tampered.json', '--keep-invalid']);
    expect(kept.code).toBe(1);
    const list = JSON.parse((await inA(['list', '--json'])).stdout) as { id: string; verdict: string }[];
    expect(list.map((r) => [r.id, r.verdict])).toEqual([[credId, 'VALID'], ['urn:uuid:00000000-0000-4000-8000-00000000dead', 'INVALID']]);
  }, 300_000);

  test('trust: an older bundle never replaces the held one; a second profile has its own passphrase', async () => {
    const older = await makeBundle(world.anchor, world.issuer, [world.lists.revocation], { sequence: 4 });
    writeFileSync(join(work, 'older.json'), JSON.stringify(older.jws));
    const before = snapshot(walletA);
    const r = await inA(['trust', 'older.json', '--anchor', world.anchor.did]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TRUST_SEQUENCE_ROLLBACK');
    expect(snapshot(walletA)).toEqual(before);
    const omar = await inA(['init', '--profile', 'omar'], { LP_PASSPHRASE: 'omar pass' });
    expect(omar.code).toBe(0);
    const list = await inA(['list', '--profile', 'omar', '--json'], { LP_PASSPHRASE: 'omar pass' });
    expect(JSON.parse(list.stdout)).toEqual([]);
    const cross = await inA(['list', '--profile', 'omar']);
    expect(cross.stderr).toContain('WRONG_PASSPHRASE');
  }, 300_000);

  test('a wrong passphrase: one generic error, exit 2, nothing changed', async () => {
    const before = snapshot(walletA);
    const r = await inA(['import', 'record.json'], { LP_PASSPHRASE: 'wrong' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('WRONG_PASSPHRASE');
    expect(snapshot(walletA)).toEqual(before);
  }, 300_000);
});

describe('lp wallet: backup and move', () => {
  let backup: string;
  beforeAll(async () => {
    backup = join(work, 'amal.lpw');
    const r = await inA(['export', '--out', 'amal.lpw'], { LP_BACKUP_PASSPHRASE: 'backup pass' });
    expect(r).toMatchObject({ code: 0 });
  }, 300_000);

  test('restore into a fresh wallet: byte-identical records, still VALID; twice adds nothing', async () => {
    const walletB = join(work, 'wallet-b');
    const env = { LP_BACKUP_PASSPHRASE: 'backup pass', LP_PASSPHRASE: 'new phone pass' };
    const first = await lp(['restore', 'amal.lpw', '--json'], { dir: walletB, cwd: work, env });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ profile: 'default', created: true, added: 2, total: 2 });
    const second = await lp(['restore', 'amal.lpw', '--json'], { dir: walletB, cwd: work, env });
    expect(JSON.parse(second.stdout)).toMatchObject({ created: false, added: 0, total: 2 });
    await lp(['trust', 'bundle.json', '--anchor', world.anchor.did], { dir: walletB, cwd: work, env });
    const show = await lp(['show', credId, '--json'], { dir: walletB, cwd: work, env });
    expect(show.stdout).toBe(recordText);
    const human = await lp(['show', credId], { dir: walletB, cwd: work, env });
    expect(human.stdout).toContain('now         VALID');
  }, 300_000);

  test('SIGKILL during restore leaves the target wallet unchanged; then it restores fully', async () => {
    const walletC = join(work, 'wallet-c');
    // The target already holds a trust bundle: it must survive byte for byte.
    await lp(['trust', 'bundle.json', '--anchor', world.anchor.did], { dir: walletC, cwd: work });
    const before = snapshot(walletC);
    const env = { PATH: process.env.PATH ?? '', HOME: work, LP_WALLET_DIR: walletC, LP_PASSPHRASE: 'p', LP_BACKUP_PASSPHRASE: 'backup pass', LP_NOW: NOW.toISOString(), LP_TEST_PAUSE_BEFORE_COMMIT: '60000' };
    const child = spawn(process.execPath, [LP, 'wallet', 'restore', 'amal.lpw'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('LP_TEST: about to commit')) resolve();
      });
      child.on('exit', () => reject(new Error(`restore exited before the marker: ${stderr}`)));
    });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(snapshot(walletC)).toEqual(before);
    const full = await lp(['restore', 'amal.lpw', '--json'], { dir: walletC, cwd: work, env: { LP_PASSPHRASE: 'p', LP_BACKUP_PASSPHRASE: 'backup pass' } });
    expect(JSON.parse(full.stdout)).toMatchObject({ created: true, added: 2 });
  }, 300_000);

  test('bad backups (bit flipped, truncated, KDF lowered, unknown version) are refused; nothing written', async () => {
    const bytes = readFileSync(backup);
    const headerLength = bytes.readUInt32BE(4);
    const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as { kdf: { m: number } };
    header.kdf.m = 1024;
    const weakHeader = Buffer.from(JSON.stringify(header));
    const lenBuf = Buffer.alloc(4);
    lenBuf.writeUInt32BE(weakHeader.length);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 40]! ^= 0x04;
    const version = Buffer.from(bytes);
    version[3] = 9;
    const cases: [string, Buffer, string][] = [
      ['flipped.lpw', flipped, 'WRONG_PASSPHRASE'],
      ['truncated.lpw', bytes.subarray(0, bytes.length - 100), 'WRONG_PASSPHRASE'],
      ['weak.lpw', Buffer.concat([bytes.subarray(0, 4), lenBuf, weakHeader, bytes.subarray(8 + headerLength)]), 'KDF_TOO_WEAK'],
      ['version.lpw', version, 'CONTAINER_VERSION_UNSUPPORTED'],
    ];
    const walletD = join(work, 'wallet-d');
    for (const [name, data, code] of cases) {
      writeFileSync(join(work, name), data);
      const r = await lp(['restore', name], { dir: walletD, cwd: work, env: { LP_BACKUP_PASSPHRASE: 'backup pass' } });
      expect([name, r.code, r.stderr.includes(code)]).toEqual([name, 2, true]);
      expect(snapshot(walletD)).toEqual({});
    }
  }, 300_000);
});

describe('lp wallet present → POST /presentations/verify', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const app = express();
    app.use(createPresentationRouter({ context: () => ({ bundle: world.bundle }), now: () => NOW, domain: DOMAIN, challenges: createChallengeStore({ now: () => NOW }), documentLoader }));
    server = await new Promise<Server>((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

  test('verifies once (200), the replay is rejected (422 PRESENTATION_CHALLENGE_USED)', async () => {
    const { challenge } = (await (await fetch(`${base}/presentations/challenges`, { method: 'POST' })).json()) as { challenge: string };
    const made = await inA(['present', '--challenge', challenge, '--domain', DOMAIN, '--ids', credId, '--out', 'vp.json']);
    expect(made.code).toBe(0);
    const vp = JSON.parse(readFileSync(join(work, 'vp.json'), 'utf8')) as Record<string, any>;
    expect(vp.holder).toBe(holderDid);
    expect(vp.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge, domain: DOMAIN });
    const send = () => fetch(`${base}/presentations/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiablePresentation: vp, options: { challenge, domain: DOMAIN } }) });
    const first = await send();
    const body = (await first.json()) as { verdict: string; credentials: { verdict: string }[] };
    expect([first.status, body.verdict, body.credentials.map((c) => c.verdict)]).toEqual([200, 'VALID', ['VALID']]);
    const again = await send();
    expect(again.status).toBe(422);
    expect(((await again.json()) as { checks: { code: string }[] }).checks.map((c) => c.code)).toEqual(['PRESENTATION_CHALLENGE_USED']);
  }, 300_000);
});

describe('lp wallet receive', () => {
  test('collects once from the pick-up link; a used code is PICKUP_USED and changes nothing', async () => {
    const issued = await issue(world.issuer, { mutate: (c) => { c.id = 'urn:uuid:6f1c1d5e-0000-4000-8000-000000000001'; c.credentialSubject.id = holderDid; } });
    let used = false;
    const app = express();
    // An older issuer's answer (v1: {credential, seal}) once, then 410; still one credential.
    app.get('/pickup/:code', (_req, res) => {
      if (used) { res.status(410).type('application/problem+json').send(JSON.stringify({ code: 'PICKUP_GONE', detail: 'this pick-up code was already used' })); return; }
      used = true;
      res.json({ credential: issued.di, seal: issued.seal });
    });
    const server = await new Promise<Server>((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
    const a = server.address();
    const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/pickup/K7Q2-9XTA`;
    try {
      const first = await inA(['receive', url, '--json']);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ outcome: 'added', verdict: 'VALID' });
      const before = snapshot(walletA);
      const second = await inA(['receive', url]);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain('PICKUP_USED');
      expect(snapshot(walletA)).toEqual(before);
    } finally {
      await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
    }
  }, 300_000);

  test('an answer or a record with a key twice is refused (JSON_DUPLICATE_KEY); nothing kept', async () => {
    const issued = await issue(world.issuer, { mutate: (c) => { c.id = 'urn:uuid:6f1c1d5e-0000-4000-8000-0000000000d1'; } });
    const record = JSON.stringify(issued.di);
    // The second "name" is what JSON.parse would keep and a re-serialised record would carry.
    const twice = record.replace('"name":', '"name":"Forged","name":');
    const app = express();
    app.get('/pickup/:code', (_req, res) => { res.type('application/json').send(`{"credentials":[{"credential":${twice},"seal":null}]}`); });
    const server = await new Promise<Server>((r) => { const srv = app.listen(0, '127.0.0.1', () => r(srv)); });
    const a = server.address();
    const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/pickup/K7Q2-9XTD`;
    try {
      const before = snapshot(walletA);
      const r = await inA(['receive', url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('JSON_DUPLICATE_KEY');
      writeFileSync(join(work, 'twice.json'), twice);
      const imported = await inA(['import', join(work, 'twice.json'), '--json']);
      // The pipeline's decode step refuses it; the wallet reports the record as unreadable, with the code.
      expect(imported.code).toBe(2);
      expect(imported.stderr).toContain('JSON_DUPLICATE_KEY');
      expect(snapshot(walletA)).toEqual(before);
    } finally {
      await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
    }
  }, 300_000);

  test('a code for several credentials: each verified and kept on its own; one INVALID makes exit 1', async () => {
    const good = await issue(world.issuer, { mutate: (c) => { c.id = 'urn:uuid:6f1c1d5e-0000-4000-8000-000000000002'; } });
    const tampered = JSON.parse(readFileSync(join(work, 'tampered.json'), 'utf8')) as Record<string, unknown>;
    tampered.id = 'urn:uuid:6f1c1d5e-0000-4000-8000-00000000bad2';
    const app = express();
    // The issuer's contract (issuer/src/http: GET /pickup/{code} → {credentials: [{credential, seal}, …]}).
    app.get('/pickup/:code', (_req, res) => { res.json({ credentials: [{ credential: good.di, seal: good.seal }, { credential: tampered, seal: null }] }); });
    const server = await new Promise<Server>((r) => { const srv = app.listen(0, '127.0.0.1', () => r(srv)); });
    const a = server.address();
    const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/pickup/K7Q2-9XTB`;
    try {
      const r = await inA(['receive', url]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('imported: urn:uuid:6f1c1d5e-0000-4000-8000-000000000002 ');
      expect(r.stdout).toContain('received 2 credentials: 1 VALID, 1 INVALID');
      expect(r.stderr).toContain('refused urn:uuid:6f1c1d5e-0000-4000-8000-00000000bad2');
      const list = JSON.parse((await inA(['list', '--json'])).stdout) as { id: string; verdict: string }[];
      expect(list.find((c) => c.id === 'urn:uuid:6f1c1d5e-0000-4000-8000-000000000002')?.verdict).toBe('VALID');
      expect(list.some((c) => c.id.endsWith('bad2'))).toBe(false);
      const j = await inA(['receive', url, '--json']);
      expect(j.code).toBe(1);
      expect(j.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { outcome: string; verdict: string }).outcome)).toEqual(['updated', 'refused']);
    } finally {
      await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
    }
  }, 300_000);
});
