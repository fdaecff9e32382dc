import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../cli/src/server.ts';
import { signPresentationDi } from '@lp/formats';
import { documentLoader, GOOD_INDEX, issue, makeBundle, makeWorld, NOW, party, REVOCATION_LIST, statusList, type World } from '../../packages/verify/test/lib/make-world.ts';
import { lp } from './helpers.ts';

// A running server must not keep an old verdict: the trust bundle file is re-read when it
// changes, LP_TRUST_BUNDLE_URL is fetched on a schedule, each under the trust store's rule (pinned
// anchor, never an older sequence, a failure keeps the held bundle); the CLI and the wallet say the
// same thing from the same bundle.

const DOMAIN = 'verifier.school.example';
type Body = { verdict: string; checks: { id: string; status: string; code: string }[] };
let world: World;
let dir: string;
/** Bundle texts: sequence 5 (credential not revoked), 6 (revoked), 4 (older, not revoked), and junk. */
const texts: Record<string, string> = {};

beforeAll(async () => {
  world = await makeWorld();
  dir = mkdtempSync(join(tmpdir(), 'lp-trust-reload-'));
  const revokedList = await statusList(world.issuer, REVOCATION_LIST, 'revocation', [GOOD_INDEX]);
  texts.s5 = JSON.stringify(world.jws);
  texts.s6 = JSON.stringify((await makeBundle(world.anchor, world.issuer, [revokedList, world.lists.suspension], { sequence: 6, fetchedAt: '2025-01-15T06:00:00Z' })).jws);
  // A newer bundle that would be taken but for the size of the answer that carries it.
  texts.s7 = JSON.stringify((await makeBundle(world.anchor, world.issuer, [revokedList, world.lists.suspension], { sequence: 7 })).jws);
  texts.s4 = JSON.stringify((await makeBundle(world.anchor, world.issuer, [world.lists.revocation, world.lists.suspension], { sequence: 4 })).jws);
  texts.otherAnchor = JSON.stringify((await makeBundle(await party(7), world.issuer, [world.lists.revocation], { sequence: 9 })).jws);
  writeFileSync(join(dir, 'seal.txt'), world.good.seal);
  writeFileSync(join(dir, 'record.json'), JSON.stringify(world.good.di));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sealVerdict(server: RunningServer): Promise<[number, string, string | undefined, string | null]> {
  const res = await fetch(`${server.url}/seals/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seal: world.good.seal }) });
  const body = (await res.json()) as Body;
  const seq = (await fetch(`${server.url}/trust/bundle`)).headers.get('x-trust-bundle-sequence');
  return [res.status, body.verdict, body.checks.find((c) => c.id === 'status')?.code, seq];
}

describe('LP_TRUST_BUNDLE is re-read when the file changes', () => {
  let server: RunningServer;
  const file = () => join(dir, 'bundle.json');
  beforeAll(async () => {
    writeFileSync(file(), texts.s5!);
    server = await startServer({ port: 0, env: { LP_TRUST_BUNDLE: file(), LP_TRUST_ANCHORS: world.anchor.did, LP_DATA_DIR: join(dir, 'data-file'), LP_STATUS_FETCH: 'off', LP_VERIFIER_DOMAIN: DOMAIN }, cwd: dir, log: () => {}, now: () => NOW });
  }, 300_000);
  afterAll(() => server.stop());

  it('VALID with bundle 5; after the file is replaced by bundle 6 (list: revoked) INVALID STATUS_REVOKED without a restart', async () => {
    expect(await sealVerdict(server)).toEqual([200, 'VALID', 'STATUS_NOT_REVOKED', '5']);
    writeFileSync(file(), texts.s6!);
    expect(await sealVerdict(server)).toEqual([422, 'INVALID', 'STATUS_REVOKED', '6']);
    const rec = await fetch(`${server.url}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiableCredential: world.good.di }) });
    expect([rec.status, ((await rec.json()) as Body).verdict]).toEqual([422, 'INVALID']);
  });

  it('an older bundle, one of another anchor, or junk in the file is refused: bundle 6 stays in use', async () => {
    const held = join(dir, 'data-file', 'verifier', 'bundle.json');
    const before = readFileSync(held, 'utf8');
    expect(JSON.parse(before)).toEqual(JSON.parse(texts.s6!));
    for (const bad of [texts.s4!, texts.otherAnchor!, '{"not": "a bundle"}', '']) {
      writeFileSync(file(), bad);
      expect(await sealVerdict(server)).toEqual([422, 'INVALID', 'STATUS_REVOKED', '6']);
      // Nothing stored changes on a refusal: the held bundle is byte for byte the same.
      expect(readFileSync(held, 'utf8')).toBe(before);
    }
  });

  it('presentations on the same server see the same fresh bundle: the revoked credential inside is INVALID', async () => {
    const holder = await party(42);
    const bound = (await issue(world.issuer, { mutate: (c) => { c.credentialSubject.id = holder.did; } })).di;
    const { challenge } = (await (await fetch(`${server.url}/presentations/challenges`, { method: 'POST' })).json()) as { challenge: string };
    const vp = await signPresentationDi(
      { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: holder.did, verifiableCredential: [bound] },
      { keyPair: holder.keyPair, verificationMethod: holder.vm, documentLoader, challenge, domain: DOMAIN, created: NOW },
    );
    const res = await fetch(`${server.url}/presentations/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiablePresentation: vp, options: { challenge, domain: DOMAIN } }) });
    const body = (await res.json()) as { verdict: string; credentials: { verdict: string }[] };
    expect([res.status, body.verdict, body.credentials.map((c) => c.verdict)]).toEqual([422, 'INVALID', ['INVALID']]);
  });

  it('lp verify gives the same verdict from the same bundle', async () => {
    writeFileSync(join(dir, 'b6.json'), texts.s6!);
    const cli = await lp(['verify', 'seal.txt', '--trust', 'b6.json', '--anchor', world.anchor.did, '--now', NOW.toISOString(), '--json'], { cwd: dir, env: { LP_DATA_DIR: join(dir, 'data-cli') } });
    expect([cli.code, JSON.parse(cli.stdout).verdict]).toEqual([1, 'INVALID']);
  });
});

describe('a bundle that expires while the server runs', () => {
  it('VALID before its expiry, UNKNOWN TRUST_BUNDLE_EXPIRED after, without a restart', async () => {
    let now = NOW;
    writeFileSync(join(dir, 'expiring.json'), texts.s5!);
    const server = await startServer({ port: 0, env: { LP_TRUST_BUNDLE: join(dir, 'expiring.json'), LP_TRUST_ANCHORS: world.anchor.did, LP_DATA_DIR: join(dir, 'data-expiry'), LP_STATUS_FETCH: 'off' }, cwd: dir, log: () => {}, now: () => now });
    try {
      expect((await sealVerdict(server)).slice(0, 2)).toEqual([200, 'VALID']);
      now = new Date('2025-04-02T00:00:00Z'); // bundle 5 expires 2025-04-01; the key is valid until 2026
      const res = await fetch(`${server.url}/seals/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seal: world.good.seal }) });
      const body = (await res.json()) as Body;
      expect([res.status, body.verdict, body.checks.find((c) => c.id === 'issuer_trust')?.code]).toEqual([422, 'UNKNOWN', 'TRUST_BUNDLE_EXPIRED']);
    } finally {
      await server.stop();
    }
  });
});

describe('LP_TRUST_BUNDLE_URL is fetched on a schedule', () => {
  let host: Server;
  let served: { status: number; text: string } = { status: 200, text: '' };
  let server: RunningServer;
  let hits = 0;
  /** Waits until the host has answered `n` more fetches (the schedule runs every 50 ms here). */
  const fetchesDone = async (n: number) => {
    const target = hits + n;
    while (hits < target) await new Promise((r) => setTimeout(r, 20));
    // One more round trip through the server's serial queue: the last fetch has been applied.
    await fetch(`${server.url}/trust/bundle`);
  };
  beforeAll(async () => {
    host = createServer((_req, res) => { hits++; res.writeHead(served.status, { 'content-type': 'application/json' }).end(served.text); });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const a = host.address();
    served = { status: 200, text: texts.s5! };
    server = await startServer({
      port: 0,
      env: { LP_TRUST_BUNDLE_URL: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/bundle.json`, LP_TRUST_ANCHORS: world.anchor.did, LP_DATA_DIR: join(dir, 'data-url'), LP_STATUS_FETCH: 'off' },
      cwd: dir, log: () => {}, now: () => NOW,
      verifier: { bundleFetch: { intervalMs: 50 } },
    });
  }, 300_000);
  afterAll(async () => {
    await server.stop();
    await new Promise<void>((resolve) => { host.closeAllConnections(); host.close(() => resolve()); });
  });

  it('fetched at start (5, VALID); a newer one is taken on the next fetch (6, INVALID); failures and older bundles keep 6', async () => {
    expect(await sealVerdict(server)).toEqual([200, 'VALID', 'STATUS_NOT_REVOKED', '5']);
    served = { status: 200, text: texts.s6! };
    await fetchesDone(2);
    expect(await sealVerdict(server)).toEqual([422, 'INVALID', 'STATUS_REVOKED', '6']);
    for (const bad of [{ status: 500, text: 'down' }, { status: 200, text: texts.s4! }, { status: 200, text: texts.otherAnchor! }, { status: 200, text: 'junk' }, { status: 200, text: ' '.repeat(4 * 1024 * 1024 + 1) + texts.s7! }]) {
      served = bad;
      await fetchesDone(2);
      expect(await sealVerdict(server)).toEqual([422, 'INVALID', 'STATUS_REVOKED', '6']);
    }
  });
});

describe('the wallet re-verifies against the freshest bundle it holds', () => {
  it('imported VALID under bundle 5; after `lp wallet trust` of bundle 6, list says INVALID and show says REVOKED, never "not revoked"', async () => {
    const env = { LP_WALLET_DIR: join(dir, 'wallet'), LP_PASSPHRASE: 'learner pass phrase', LP_NOW: NOW.toISOString() };
    const w = (args: string[]) => lp(['wallet', ...args], { cwd: dir, env });
    writeFileSync(join(dir, 'w5.json'), texts.s5!);
    writeFileSync(join(dir, 'w6.json'), texts.s6!);
    expect((await w(['init'])).code).toBe(0);
    expect((await w(['trust', 'w5.json', '--anchor', world.anchor.did])).code).toBe(0);
    const imported = await w(['import', 'record.json', '--json']);
    expect(JSON.parse(imported.stdout)).toMatchObject({ verdict: 'VALID' });
    const id = JSON.parse(imported.stdout).id as string;
    expect(JSON.parse((await w(['list', '--json'])).stdout)).toEqual([expect.objectContaining({ id, verdict: 'VALID' })]);

    expect((await w(['trust', 'w6.json', '--anchor', world.anchor.did])).code).toBe(0);
    expect(JSON.parse((await w(['list', '--json'])).stdout)).toEqual([expect.objectContaining({ id, verdict: 'INVALID', verdictOnImport: 'VALID' })]);
    expect((await w(['list'])).stdout).toMatch(/^INVALID /);
    const show = (await w(['show', id])).stdout;
    expect(show).toContain('status      REVOKED');
    expect(show).not.toContain('not revoked');
    expect(show).toContain('now         INVALID');
    expect(show).toContain('(was VALID when imported');
  }, 300_000);
});
