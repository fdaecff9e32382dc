import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signCredentialDi } from '@lp/formats';
import { buildStatusListCredential, createBitstring, encodeList, statusEntry } from '@lp/status';
import { startServer, type RunningServer } from '../../cli/src/server.ts';
import { ISSUE_FROM_CATALOGUE, T0, post as issuerPost, startTestIssuer, type TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { documentLoader, issue, party, statusList, type Party } from '../../packages/verify/test/lib/make-world.ts';
import { isPrivateAddress } from '../src/status/is-private-address.ts';
import { createStatusListFetcher } from '../src/status/create-status-list-fetcher.ts';
import { lp } from './helpers.ts';

// POST /credentials/verify on the real server without a trust bundle: the status list is fetched
// online from the issuer's own GET /status/{list} (real issuer app, real SQLite, port 0), within
// bounds, and every way that can go wrong makes the verdict UNKNOWN with a stable code — never a
// VALID because the status check did not run.

type Body = { verdict: string; checks: { id: string; status: string; code: string; details?: Record<string, unknown> }[] };
const NOW = new Date(T0.getTime() + 3600_000);
const statusOf = (b: Body) => b.checks.find((c) => c.id === 'status')!;

let issuer: TestIssuer;
let dir: string;
const servers: RunningServer[] = [];

/** A verifier server with the given environment (no trust bundle), clock at NOW. */
async function verifier(env: Record<string, string>, timeoutMs?: number): Promise<RunningServer> {
  const s = await startServer({
    port: 0, env: { LP_DATA_DIR: join(dir, `data-${servers.length}`), ...env }, cwd: dir, log: () => {}, now: () => NOW,
    ...(timeoutMs !== undefined ? { verifier: { statusFetch: { timeoutMs } } } : {}),
  });
  servers.push(s);
  return s;
}

async function verify(server: RunningServer, credential: unknown, checks?: string[]): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${server.url}/credentials/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verifiableCredential: credential, ...(checks ? { options: { checks } } : {}) }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

async function issueOne(name: string): Promise<{ id: string; verifiableCredential: Record<string, unknown> }> {
  const res = await issuerPost(issuer, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: name } } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; verifiableCredential: Record<string, unknown> };
}

async function revoke(id: string): Promise<void> {
  const res = await issuerPost(issuer, '/credentials/status', { credentialId: id, action: 'revoke', reason: 'marks entered wrongly' });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  issuer.setNow(T0);
  dir = mkdtempSync(join(tmpdir(), 'lp-status-fetch-'));
}, 300_000);
afterAll(async () => {
  for (const s of servers) await s.stop();
  await issuer.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a revoked credential at POST /credentials/verify without a trust bundle', () => {
  it('fetched from the issuer (loopback allowed by configuration): INVALID STATUS_REVOKED (422), for checks [credentialStatus], [status] and by default', async () => {
    const server = await verifier({ LP_STATUS_FETCH_ALLOW: '127.0.0.1' });
    const { id, verifiableCredential } = await issueOne('R-1');
    await revoke(id);
    for (const checks of [['credentialStatus'], ['status'], ['proof', 'credentialStatus'], undefined]) {
      const r = await verify(server, verifiableCredential, checks);
      expect([checks, r.status, r.body.verdict, statusOf(r.body).code]).toEqual([checks, 422, 'INVALID', 'STATUS_REVOKED']);
      expect(statusOf(r.body).details).toMatchObject({ source: 'fetched', asOf: NOW.toISOString(), ageSeconds: 0 });
    }
  });

  it('a credential that is not revoked: 200 VALID for checks [proof, credentialStatus] with the list fetched; by default still UNKNOWN (issuer not established)', async () => {
    const server = await verifier({ LP_STATUS_FETCH_ALLOW: '127.0.0.1' });
    const { verifiableCredential } = await issueOne('V-1');
    const narrow = await verify(server, verifiableCredential, ['proof', 'credentialStatus']);
    expect([narrow.status, narrow.body.verdict, statusOf(narrow.body).code]).toEqual([200, 'VALID', 'STATUS_NOT_REVOKED']);
    const all = await verify(server, verifiableCredential);
    expect([all.status, all.body.verdict]).toEqual([422, 'UNKNOWN']);
    expect(all.body.checks.find((c) => c.id === 'issuer_trust')).toMatchObject({ status: 'unknown', code: 'TRUST_BUNDLE_MISSING' });
  });

  it('by default a loopback status URL is REFUSED: UNKNOWN STATUS_FETCH_HOST_REFUSED, never VALID', async () => {
    const server = await verifier({});
    const { id, verifiableCredential } = await issueOne('R-2');
    await revoke(id);
    for (const checks of [['credentialStatus'], ['status']]) {
      const r = await verify(server, verifiableCredential, checks);
      expect([r.status, r.body.verdict, statusOf(r.body).status, statusOf(r.body).code]).toEqual([422, 'UNKNOWN', 'unknown', 'STATUS_FETCH_HOST_REFUSED']);
    }
  });

  it('lp verify stays offline (nothing fetched, although the list is reachable): UNKNOWN STATUS_LIST_UNAVAILABLE, exit 3', async () => {
    const { id, verifiableCredential } = await issueOne('R-4');
    await revoke(id);
    writeFileSync(join(dir, 'revoked.json'), JSON.stringify(verifiableCredential));
    for (const checks of ['status', 'signature,status']) {
      const r = await lp(['verify', 'revoked.json', '--checks', checks, '--now', NOW.toISOString(), '--json'], { cwd: dir, env: { LP_DATA_DIR: join(dir, 'data-cli'), LP_STATUS_FETCH_ALLOW: '127.0.0.1' } });
      const body = JSON.parse(r.stdout) as Body;
      expect([checks, r.code, body.verdict, statusOf(body).code]).toEqual([checks, 3, 'UNKNOWN', 'STATUS_LIST_UNAVAILABLE']);
    }
  });

  it('LP_STATUS_FETCH=off keeps the server offline: UNKNOWN STATUS_LIST_UNAVAILABLE; a value that is neither on nor off fails closed', async () => {
    const { id, verifiableCredential } = await issueOne('R-3');
    await revoke(id);
    for (const value of ['off', 'OFF', 'no']) {
      const r = await verify(await verifier({ LP_STATUS_FETCH: value, LP_STATUS_FETCH_ALLOW: '127.0.0.1' }), verifiableCredential, ['status']);
      expect([value, r.status, r.body.verdict, statusOf(r.body).code]).toEqual([value, 422, 'UNKNOWN', 'STATUS_LIST_UNAVAILABLE']);
    }
  });

  it('a check this pipeline cannot run on a credential (presentation) is UNKNOWN, not ignored', async () => {
    const server = await verifier({ LP_STATUS_FETCH: 'off' });
    const { verifiableCredential } = await issueOne('P-1');
    const r = await verify(server, verifiableCredential, ['proof', 'presentation']);
    expect([r.status, r.body.verdict]).toEqual([422, 'UNKNOWN']);
    expect(r.body.checks.find((c) => c.id === 'presentation')).toMatchObject({ status: 'unknown', code: 'CHECK_NOT_APPLICABLE' });
  });
});

describe('status lists that must not be believed (a local server plays the list host)', () => {
  let host: Server;
  let base: string;
  let signer: Party;
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const json = (body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  /** A credential of `signer` whose revocation entry points at `${base}${path}`. */
  const credentialFor = async (path: string) => (await issue(signer, { mutate: (c) => { c.credentialStatus = statusEntry({ listUrl: `${base}${path}`, index: 7, purpose: 'revocation' }); } })).di;

  beforeAll(async () => {
    signer = await party(21);
    host = createServer((req, res) => {
      const h = routes.get(req.url ?? '');
      if (h) h(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const a = host.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => { host.closeAllConnections(); host.close(() => resolve()); }));

  it('a good list of the same issuer → VALID for checks [proof, credentialStatus] (the control case), for the record and its QR seal; a set bit → INVALID', async () => {
    routes.set('/good', json(await statusList(signer, `${base}/good`, 'revocation', [])));
    routes.set('/set', json(await statusList(signer, `${base}/set`, 'revocation', [7])));
    const server = await verifier({ LP_STATUS_FETCH_ALLOW: '127.0.0.1' });
    const r = await verify(server, await credentialFor('/good'), ['proof', 'credentialStatus']);
    expect([r.status, r.body.verdict, statusOf(r.body).code]).toEqual([200, 'VALID', 'STATUS_NOT_REVOKED']);
    const sealOf = async (path: string) => (await issue(signer, { mutate: (c) => { c.credentialStatus = statusEntry({ listUrl: `${base}${path}`, index: 7, purpose: 'revocation' }); } })).seal;
    for (const [path, code, verdict] of [['/good', 200, 'VALID'], ['/set', 422, 'INVALID']] as const) {
      const res = await fetch(`${server.url}/seals/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seal: await sealOf(path), options: { checks: ['signature', 'status'] } }) });
      const body = (await res.json()) as Body;
      expect([path, res.status, body.verdict, statusOf(body).details?.source]).toEqual([path, code, verdict, 'fetched']);
    }
  });

  it('a list signed by another issuer → UNKNOWN STATUS_LIST_UNVERIFIED (issuer mismatch); one claiming our issuer with another key → UNKNOWN too', async () => {
    const other = await party(22);
    routes.set('/other', json(await statusList(other, `${base}/other`, 'revocation', [])));
    const forged = buildStatusListCredential({ id: `${base}/forged`, issuer: signer.did, purpose: 'revocation', encodedList: encodeList(createBitstring()), validFrom: '2025-01-01T00:00:00Z' });
    routes.set('/forged', json(await signCredentialDi(forged, { keyPair: other.keyPair, verificationMethod: other.vm, documentLoader })));
    const server = await verifier({ LP_STATUS_FETCH_ALLOW: '127.0.0.1' });
    const a = await verify(server, await credentialFor('/other'), ['proof', 'credentialStatus']);
    expect([a.status, a.body.verdict, statusOf(a.body).code, statusOf(a.body).details?.cause]).toEqual([422, 'UNKNOWN', 'STATUS_LIST_UNVERIFIED', 'STATUS_LIST_ISSUER_MISMATCH']);
    const b = await verify(server, await credentialFor('/forged'), ['proof', 'credentialStatus']);
    expect([b.status, b.body.verdict, statusOf(b.body).code]).toEqual([422, 'UNKNOWN', 'STATUS_LIST_UNVERIFIED']);
  });

  it('a document that is not a BitstringStatusListCredential → UNKNOWN STATUS_LIST_NOT_BITSTRING', async () => {
    const cred = await credentialFor('/not-a-list');
    routes.set('/not-a-list', json(cred));
    routes.set('/not-json', (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'); });
    const server = await verifier({ LP_STATUS_FETCH_ALLOW: '127.0.0.1' });
    const a = await verify(server, cred, ['status']);
    expect([a.status, a.body.verdict, statusOf(a.body).code]).toEqual([422, 'UNKNOWN', 'STATUS_LIST_NOT_BITSTRING']);
    const b = await verify(server, await credentialFor('/not-json'), ['status']);
    expect([b.status, b.body.verdict, statusOf(b.body).code]).toEqual([422, 'UNKNOWN', 'STATUS_LIST_NOT_BITSTRING']);
  });

  it('a list that inflates past 16 MiB (signed by the right issuer) → UNKNOWN STATUS_LIST_TOO_LARGE', async () => {
    const bits = createBitstring((16 * 1024 * 1024 + 1024) * 8);
    const big = buildStatusListCredential({ id: `${base}/big`, issuer: signer.did, purpose: 'revocation', encodedList: encodeList(bits), validFrom: '2025-01-01T00:00:00Z' });
    routes.set('/big', json(await signCredentialDi(big, { keyPair: signer.keyPair, verificationMethod: signer.vm, documentLoader })));
    const r = await verify(await verifier({ LP_STATUS_FETCH_ALLOW: '127.0.0.1' }), await credentialFor('/big'), ['proof', 'credentialStatus']);
    expect([r.status, r.body.verdict, statusOf(r.body).code]).toEqual([422, 'UNKNOWN', 'STATUS_LIST_TOO_LARGE']);
  });

  it('a server that does not answer within the bound → UNKNOWN STATUS_FETCH_TIMEOUT (bound set to 200 ms here; 5 s by default)', async () => {
    routes.set('/slow', () => { /* never answers */ });
    const r = await verify(await verifier({ LP_STATUS_FETCH_ALLOW: '127.0.0.1' }, 200), await credentialFor('/slow'), ['status']);
    expect([r.status, r.body.verdict, statusOf(r.body).code]).toEqual([422, 'UNKNOWN', 'STATUS_FETCH_TIMEOUT']);
  });

  it('a redirect is not followed; an HTTP error is not a list → UNKNOWN STATUS_FETCH_FAILED', async () => {
    routes.set('/redirect', (_req, res) => { res.writeHead(302, { location: `${base}/good` }).end(); });
    const server = await verifier({ LP_STATUS_FETCH_ALLOW: '127.0.0.1' });
    const a = await verify(server, await credentialFor('/redirect'), ['status']);
    expect([a.status, a.body.verdict, statusOf(a.body).code]).toEqual([422, 'UNKNOWN', 'STATUS_FETCH_FAILED']);
    const b = await verify(server, await credentialFor('/missing'), ['status']);
    expect([b.status, b.body.verdict, statusOf(b.body).code]).toEqual([422, 'UNKNOWN', 'STATUS_FETCH_FAILED']);
  });

  it('DNS rebinding: a name that looked public when checked but connects to loopback is refused at connect time', async () => {
    let hits = 0;
    routes.set('/rebound', (req, res) => { hits++; json({})(req, res); });
    // The first resolution (the check) says public; the connection resolves "localhost" itself.
    const fetcher = createStatusListFetcher({ lookup: async () => ['93.184.216.34'] });
    const port = new URL(base).port;
    expect(await fetcher(`http://localhost:${port}/rebound`)).toMatchObject({ ok: false, code: 'STATUS_FETCH_HOST_REFUSED' });
    expect(hits).toBe(0);
    // Allowed by name, the same host is fetched (the control case).
    expect(await createStatusListFetcher({ allowHosts: ['localhost'] })(`http://localhost:${port}/rebound`)).toMatchObject({ ok: false, code: 'STATUS_LIST_NOT_BITSTRING' });
    expect(hits).toBe(1);
  });

  it('an unsigned (tampered) credential never makes the server fetch its list', async () => {
    let hits = 0;
    routes.set('/counted', (req, res) => { hits++; json({})(req, res); });
    const cred = structuredClone(await credentialFor('/counted')) as Record<string, unknown>;
    cred.name = 'forged';
    const r = await verify(await verifier({ LP_STATUS_FETCH_ALLOW: '127.0.0.1' }), cred, ['status']);
    expect([r.status, r.body.verdict, hits]).toEqual([422, 'UNKNOWN', 0]);
  });
});

describe('the fetcher on its own', () => {
  it('refuses private, loopback, link-local and reserved addresses, also behind a host name or an IPv4-mapped form', async () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a9fe:a9fe', 'not-an-ip']) {
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
    const fetched: string[] = [];
    const fetcher = createStatusListFetcher({
      lookup: async (h) => (h === 'internal.example' ? ['93.184.216.34', '10.0.0.5'] : ['93.184.216.34']),
      fetch: async (url) => { fetched.push(url); return new Response('{}'); },
    });
    expect(await fetcher('http://internal.example/list')).toMatchObject({ ok: false, code: 'STATUS_FETCH_HOST_REFUSED' });
    expect(await fetcher('http://[::1]/list')).toMatchObject({ ok: false, code: 'STATUS_FETCH_HOST_REFUSED' });
    expect(await fetcher('file:///etc/passwd')).toMatchObject({ ok: false, code: 'STATUS_FETCH_URL_INVALID' });
    expect(await fetcher('http://user:pw@public.example/list')).toMatchObject({ ok: false, code: 'STATUS_FETCH_URL_INVALID' });
    expect(await fetcher('not a url')).toMatchObject({ ok: false, code: 'STATUS_FETCH_URL_INVALID' });
    expect(fetched).toEqual([]);
    expect(await fetcher('https://public.example/list')).toMatchObject({ ok: false, code: 'STATUS_LIST_NOT_BITSTRING' });
    expect(fetched).toEqual(['https://public.example/list']);
    // A resolver that never answers is bounded by the same deadline as the fetch.
    const hung = createStatusListFetcher({ timeoutMs: 100, lookup: () => new Promise<string[]>(() => {}), fetch: async (url) => { fetched.push(url); return new Response('{}'); } });
    expect(await hung('https://slow-dns.example/list')).toMatchObject({ ok: false, code: 'STATUS_FETCH_TIMEOUT' });
    expect(fetched).toEqual(['https://public.example/list']);
  });
});
