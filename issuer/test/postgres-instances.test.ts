import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type net from 'node:net';
import path from 'node:path';
import express from 'express';
import * as jose from 'jose';
import type { Server } from 'node:http';
import { didKeyFromPublicKey, generateKeyPair, privateKeyToJwk } from '@lp/crypto';
import { decodeList, getBit } from '@lp/status';
import { createApiKey, createIssuerRouter } from '../src/index.ts';
import { openPostgresStore } from '../src/store/index.ts';
import { startPostgres } from '../../test/lib/start-postgres.ts';
import type { TestPostgres } from '../../test/lib/start-postgres.ts';
import { FIXTURES, ISSUE_FROM_CATALOGUE, LP, lp, tempDir } from './issuer-helpers.ts';
import { createDocumentLoader } from '@lp/contexts';
import { createHolderKey, importCredential, memoryStorage, Vault, WalletError } from '../../wallet/src/index.ts';
import { answerPresentationRequest } from '../../wallet/src/oid4vc/answer-presentation-request.ts';
import { freePort } from '../../test/lib/listen.ts';

/**
 * Several `lp serve` processes on one PostgreSQL database: real processes, a real server.
 * The issuer's public URL names no instance (a load balancer would be in front); requests go
 * to each instance's own port.
 */
const PASS = 'correct horse battery';
const PUBLIC = 'http://issuer.example';

interface Instance { child: ChildProcess; url: string; stdout: string; stderr: string }

function serve(cwd: string, env: Record<string, string>): Promise<Instance & { code?: number }> {
  const child = spawn(process.execPath, [LP, 'serve', '--port', '0'], {
    cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, LP_DATA_DIR: path.join(cwd, 'data'), LP_DEMO: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const inst = { child, url: '', stdout: '', stderr: '' };
  children.push(child);
  child.stderr!.on('data', (b: Buffer) => { inst.stderr += b; });
  return new Promise((resolve) => {
    child.stdout!.on('data', (b: Buffer) => {
      inst.stdout += b;
      const m = /Issuer API: +http:\/\/localhost:(\d+)\//.exec(inst.stdout);
      if (m && !inst.url) {
        inst.url = `http://127.0.0.1:${m[1]}`;
        resolve(inst);
      }
    });
    child.once('close', (code) => resolve({ ...inst, code: code ?? -1 }));
  });
}

const children: ChildProcess[] = [];

describe('three lp serve instances on one PostgreSQL database', () => {
  const tmp = tempDir('lp-pg-instances-');
  let pg: TestPostgres;
  let url: string;
  let apiKey: string;
  const instances: Instance[] = [];
  const env = (): Record<string, string> => ({ LP_DATABASE_URL: url, LP_PASSPHRASE: PASS });
  const call = (i: Instance, route: string, body: unknown) => fetch(i.url + route, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: JSON.stringify(body),
  });

  beforeAll(async () => {
    pg = await startPostgres();
    url = await pg.createDatabase('issuer');
    const init = await lp(['issuer', 'init', '--database', url, '--name', 'National Examinations Board', '--country', 'JO', '--public-url', PUBLIC],
      { cwd: tmp.dir, env: { LP_PASSPHRASE: PASS } });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect((await lp(['issuer', 'achievement', 'add', path.join(FIXTURES, 'catalogue.json')], { cwd: tmp.dir, env: env() })).code).toBe(0);
    const key = await lp(['issuer', 'api-key', 'create', '--label', 'instances'], { cwd: tmp.dir, env: env() });
    expect(key.code).toBe(0);
    apiKey = key.stdout.trim().split('\n').at(-1)!;
    const started = await Promise.all([0, 1, 2].map(() => serve(tmp.dir, env())));
    for (const s of started) {
      expect(s.stderr).toBe('');
      expect(s.url).not.toBe('');
      instances.push(s);
    }
  }, 180_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('close', r)))));
    await pg?.stop();
    tmp.cleanup();
  }, 60_000);

  it('init wrote the issuer into PostgreSQL, not into a data directory', async () => {
    const rows = await pg.query<{ id: string; public_url: string }>('issuer', 'SELECT id, public_url FROM issuer_profile');
    expect(rows).toEqual([{ id: expect.stringMatching(/^did:key:z6Mk/) as unknown as string, public_url: PUBLIC }]);
    const second = await lp(['issuer', 'init', '--name', 'Other', '--country', 'FR'], { cwd: tmp.dir, env: env() });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('ISSUER_EXISTS');
  });

  it('issuing on all three at once: every status index distinct per purpose, every credential stored once', async () => {
    const per = 8;
    const answers = await Promise.all(instances.flatMap((inst, k) => Array.from({ length: per }, (_, n) => call(inst, '/credentials/issue', {
      options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: `C-${k}-${n}` } },
    }))));
    expect(answers.map((r) => r.status)).toEqual(Array(3 * per).fill(201));
    const bodies = await Promise.all(answers.map((r) => r.json() as Promise<{ id: string; verifiableCredential: { credentialStatus: { statusPurpose: string; statusListIndex: string; statusListCredential: string }[] } }>));
    for (const purpose of ['revocation', 'suspension']) {
      const entries = bodies.map((b) => b.verifiableCredential.credentialStatus.find((s) => s.statusPurpose === purpose)!);
      expect(new Set(entries.map((e) => `${e.statusListCredential}#${e.statusListIndex}`)).size).toBe(3 * per);
    }
    const stored = await pg.query<{ n: string }>('issuer', 'SELECT COUNT(*) AS n FROM credentials');
    expect(Number(stored[0]!.n)).toBe(3 * per);
    const bound = await pg.query<{ n: string }>('issuer', 'SELECT COUNT(*) AS n FROM status_allocations WHERE credential_id IS NOT NULL');
    expect(Number(bound[0]!.n)).toBe(2 * 3 * per);
  });

  it('a revocation at instance A is in the list instance C serves on its next request', async () => {
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const issued = await (await call(b, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: 'R-1' } } })).json() as
      { id: string; verifiableCredential: { credentialStatus: { statusPurpose: string; statusListIndex: string; statusListCredential: string }[] } };
    const entry = issued.verifiableCredential.credentialStatus.find((s) => s.statusPurpose === 'revocation')!;
    const listPath = new URL(entry.statusListCredential).pathname;
    const bitAt = async (inst: Instance): Promise<boolean> => {
      const res = await fetch(inst.url + listPath);
      expect(res.status).toBe(200);
      const list = await res.json() as { credentialSubject: { encodedList: string } };
      return getBit(decodeList(list.credentialSubject.encodedList), Number(entry.statusListIndex));
    };
    // C signs and caches the list before the revocation: its next answer must not be that copy.
    expect(await bitAt(c)).toBe(false);
    const revoked = await call(a, '/credentials/status', { credentialId: issued.id, action: 'revoke', reason: 'marks entered wrongly' });
    expect(revoked.status).toBe(200);
    expect(await bitAt(c)).toBe(true);
    expect(await bitAt(b)).toBe(true);
  });

  it('a pick-up code raced from two instances is redeemed once', async () => {
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const issued = await (await call(a, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, pickup: true, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: 'P-1' } } })).json() as
      { pickup: { code: string } };
    const code = encodeURIComponent(issued.pickup.code);
    const raced = await Promise.all([fetch(`${b.url}/pickup/${code}`), fetch(`${c.url}/pickup/${code}`)]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 410]);
    expect((await fetch(`${a.url}/pickup/${code}`)).status).toBe(410);
  });

  it('an OpenID4VCI offer made at A is redeemed once across B and C, and its credential delivered once', async () => {
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const issued = await (await call(a, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, pickup: true, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: 'O-1' } } })).json() as
      { id: string; credentialOffer: { uri: string } };
    const offer = JSON.parse(new URL(issued.credentialOffer.uri).searchParams.get('credential_offer')!) as { grants: Record<string, { 'pre-authorized_code': string }> };
    const code = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code'];
    const token = (inst: Instance) => fetch(`${inst.url}/oid4vci/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': code }),
    });
    const tokens = await Promise.all([token(b), token(c)]);
    expect(tokens.map((r) => r.status).sort()).toEqual([200, 400]);
    const [won, lost] = tokens[0]!.status === 200 ? tokens : [tokens[1]!, tokens[0]!];
    expect(((await lost!.json()) as { code: string }).code).toBe('OFFER_USED');
    expect((await token(a)).status).toBe(400);
    const { access_token: accessToken } = await won!.json() as { access_token: string };

    // The access token (signed with the issuer key every instance holds) and a c_nonce from A
    // are taken at B and C at once, with one proof: one delivery, the other refused.
    const holder = await generateKeyPair();
    const did = didKeyFromPublicKey(holder.publicKey);
    const { c_nonce: nonce } = await (await fetch(`${a.url}/oid4vci/nonce`, { method: 'POST' })).json() as { c_nonce: string };
    const key = await jose.importJWK({ ...privateKeyToJwk(holder), alg: 'EdDSA' }, 'EdDSA');
    const jwt = await new jose.SignJWT({ aud: PUBLIC, nonce, iat: Math.floor(Date.now() / 1000) })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'openid4vci-proof+jwt', kid: `${did}#${did.slice(8)}` }).sign(key);
    const ask = (inst: Instance) => fetch(`${inst.url}/oid4vci/credential`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ credential_configuration_id: 'AchievementCredential_ldp_vc', proofs: { jwt: [jwt] } }),
    });
    const asked = await Promise.all([ask(b), ask(c)]);
    expect(asked.map((r) => r.status).sort()).toEqual([200, 400]);
    const bodies = await Promise.all(asked.map((r) => r.json() as Promise<{ code?: string; credentials?: { credential: { id: string; credentialSubject: { id: string } } }[] }>));
    const delivered = bodies.find((x) => x.credentials)!.credentials![0]!.credential;
    expect(delivered.id).toBe(issued.id);
    expect(delivered.credentialSubject.id).toBe(did);
    // The loser either found the nonce used or the credential delivered, whichever it reached first.
    expect(['OFFER_USED', 'PROOF_NONCE_STALE']).toContain(bodies.find((x) => !x.credentials)!.code);
    const items = await pg.query<{ holder: string; delivered: boolean }>('issuer',
      'SELECT i.holder, i.delivered_at IS NOT NULL AS delivered FROM oid4vci_offer_items i JOIN oid4vci_offers o ON o.id = i.offer_id WHERE i.credential_id = $1', [issued.id]);
    expect(items).toEqual([{ holder: did, delivered: true }]);
    expect(await pg.query('issuer', 'SELECT used_at IS NOT NULL AS used FROM oid4vci_nonces WHERE nonce = $1', [nonce])).toEqual([{ used: true }]);
    expect(await pg.query('issuer', "SELECT COUNT(*)::int AS n FROM audit_log WHERE action = 'credential.deliver' AND details LIKE $1", [`%${issued.id}%`])).toEqual([{ n: 1 }]);
  });

  it('a presentation challenge issued by A is consumed once at B; C sees it used, not unknown', async () => {
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const issued = await fetch(`${a.url}/presentations/challenges`, { method: 'POST' });
    expect(issued.status).toBe(201);
    const { challenge } = await issued.json() as { challenge: string };
    const verify = async (inst: Instance) => {
      const r = await fetch(`${inst.url}/presentations/verify`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        // No valid proof: what matters here is what the challenge check says before the proof is read.
        body: JSON.stringify({ verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'] }, options: { challenge } }),
      });
      return JSON.stringify(await r.json());
    };
    const atB = await verify(b);
    expect(atB).not.toContain('PRESENTATION_CHALLENGE_UNKNOWN');
    expect(atB).not.toContain('PRESENTATION_CHALLENGE_USED');
    expect(await verify(c)).toContain('PRESENTATION_CHALLENGE_USED');
    const rows = await pg.query<{ used: boolean }>('issuer', 'SELECT used_at IS NOT NULL AS used FROM presentation_challenges WHERE challenge = $1', [challenge]);
    expect(rows).toEqual([{ used: true }]);
  });

  it('an OpenID4VP request made at A is answered at B and read at C; a second answer at C is RESPONSE_ALREADY_RECEIVED', async () => {
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const now = new Date();
    const holder = await createHolderKey();
    const vault = await Vault.create(memoryStorage(), { profile: 'amal', passphrase: 'amal pass', holder, now });
    const issued = await call(a, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, id: holder.did, candidateNumber: 'VP-1' } } });
    expect(issued.status).toBe(201);
    const { verifiableCredential } = await issued.json() as { verifiableCredential: object };
    await importCredential(vault, { fullRecord: JSON.stringify(verifiableCredential), source: 'file' }, { bundle: undefined, now });

    const made = await fetch(`${a.url}/oid4vp/requests`, { method: 'POST' });
    expect(made.status).toBe(201);
    const request = await made.json() as { id: string; uri: string; readKey: string };
    // The wallet posts to the response URI (instance A's address); the load balancer sends it elsewhere.
    const via = (inst: Instance): typeof fetch => (input, init) => fetch(String(input instanceof Request ? input.url : input).replace(a.url, inst.url), init);
    const documentLoader = createDocumentLoader();
    const atB = await answerPresentationRequest(vault, request.uri, { documentLoader, now, fetch: via(b) });
    // No trust bundle on these instances: the issuer is not established, so UNKNOWN, never VALID.
    expect([atB.status, (atB.body as { verdict: string }).verdict]).toEqual([422, 'UNKNOWN']);
    const read = await (await fetch(`${c.url}/oid4vp/requests/${request.id}`, { headers: { 'X-LP-Read-Key': request.readKey } })).json() as { status: string; verdict: string; records: { id: string }[] };
    expect([read.status, read.verdict, read.records.map((r) => r.id)]).toEqual(['answered', 'UNKNOWN', [(verifiableCredential as { id: string }).id]]);
    const again = await answerPresentationRequest(vault, request.uri, { documentLoader, now, fetch: via(c) }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(WalletError);
    expect((again as WalletError).message).toContain('RESPONSE_ALREADY_RECEIVED');
    const rows = await pg.query<{ answered: boolean; has_result: boolean }>('issuer', 'SELECT answered_at IS NOT NULL AS answered, result IS NOT NULL AS has_result FROM oid4vp_requests WHERE id = $1', [request.id]);
    expect(rows).toEqual([{ answered: true, has_result: true }]);
  }, 60_000);

  it('an API key\'s rate limit is one limit across instances (two routers, two connection pools, one clock)', async () => {
    // In-process instances: the clock is injected, so no window boundary can fall inside the test.
    const now = new Date('2026-06-20T09:00:30Z');
    const stores = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    const servers: Server[] = [];
    try {
      const { key } = await createApiKey(stores[0]!, { label: 'limited', now, random: (n) => crypto.getRandomValues(new Uint8Array(n)), actor: 'test' });
      const urls: string[] = [];
      for (const store of stores) {
        const app = express();
        app.use(await createIssuerRouter({ store, baseUrl: PUBLIC, clock: () => now, rateLimit: { limit: 4, windowMs: 60_000 } }));
        const srv = await new Promise<Server>((resolve) => { const x = app.listen(0, '127.0.0.1', () => resolve(x)); });
        servers.push(srv);
        urls.push(`http://127.0.0.1:${(srv.address() as net.AddressInfo).port}`);
      }
      const get = (u: string) => fetch(`${u}/credentials/urn:uuid:none`, { headers: { authorization: `Bearer ${key}` } });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await get(urls[i % 2]!)).status);
      // 4 answered (404: no such credential) across both, then both refuse.
      expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
      const over = await get(urls[0]!);
      expect(over.headers.get('retry-after')).toBe('30');
    } finally {
      for (const srv of servers) await new Promise<void>((resolve) => { srv.closeAllConnections(); srv.close(() => resolve()); });
      for (const store of stores) await store.close();
    }
  });

  it('PostgreSQL stopped hard: instances answer 503 STORE_UNREACHABLE with Retry-After, and issue again once it is back', async () => {
    const a = instances[0]!;
    const body = (n: string) => ({ options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: n } } });
    await pg.stopImmediate();
    try {
      const down = await call(a, '/credentials/issue', body('D-1'));
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(((await down.json()) as { code: string }).code).toBe('STORE_UNREACHABLE');
    } finally {
      await pg.restart();
    }
    const back = await call(a, '/credentials/issue', body('D-1'));
    expect(back.status).toBe(201);
    expect(await pg.query('issuer', "SELECT COUNT(*)::int AS n FROM credentials WHERE subject LIKE '%\"D-1\"%'")).toEqual([{ n: 1 }]);
  });

  it('an instance with a wrong passphrase refuses to start (exit 2); the others go on issuing', async () => {
    const bad = await serve(tmp.dir, { ...env(), LP_PASSPHRASE: 'not the passphrase' });
    expect(bad.code).toBe(2);
    expect(bad.url).toBe('');
    expect(bad.stderr).toMatch(/lp serve: [A-Z_]+: /);
    const ok = await call(instances[0]!, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: 'W-1' } } });
    expect(ok.status).toBe(201);
  });

  it('an unreachable database: lp serve and lp issuer exit 2 naming host and port, nothing is written', async () => {
    const port = await freePort();
    const dead = `postgres://lp:secret-pw@127.0.0.1:${port}/issuer`;
    const [s, init, show] = await Promise.all([
      serve(tmp.dir, { LP_DATABASE_URL: dead, LP_PASSPHRASE: PASS }),
      lp(['issuer', 'init', '--database', dead, '--name', 'X', '--country', 'JO'], { cwd: tmp.dir, env: { LP_PASSPHRASE: PASS } }),
      lp(['issuer', 'show'], { cwd: tmp.dir, env: { LP_DATABASE_URL: dead } }),
    ]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain(`STORE_UNREACHABLE: cannot reach PostgreSQL at 127.0.0.1:${port}`);
    expect(s.stderr).not.toContain('secret-pw');
    expect(init.code).toBe(2);
    expect(init.stderr).toContain(`STORE_UNREACHABLE: cannot reach PostgreSQL at 127.0.0.1:${port}`);
    expect(show.code).toBe(2);
    expect(show.stderr).toContain(`127.0.0.1:${port}`);
    // No SQLite issuer was made on the side either.
    expect(fs.existsSync(path.join(tmp.dir, 'data'))).toBe(false);
  });

  it('a database at a newer schema version is refused (exit 2, STORE_SCHEMA_TOO_NEW) and left as it was', async () => {
    const newer = await pg.createDatabase('newer');
    await pg.query('newer', 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    await pg.query('newer', "INSERT INTO schema_migrations VALUES (99, '2030-01-01T00:00:00.000Z')");
    // The store suite checks the refusal itself; here: a server on it does not start.
    const s = await serve(tmp.dir, { LP_DATABASE_URL: newer, LP_PASSPHRASE: PASS });
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('STORE_SCHEMA_TOO_NEW');
    const tables = await pg.query<{ t: string }>('newer', "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.map((r) => r.t)).toEqual(['schema_migrations']);
  });

  it('a URL that is not postgres:// is refused with DATABASE_URL_INVALID', async () => {
    const r = await lp(['issuer', 'show'], { cwd: tmp.dir, env: { LP_DATABASE_URL: 'mysql://db/issuer' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DATABASE_URL_INVALID');
  });
});
