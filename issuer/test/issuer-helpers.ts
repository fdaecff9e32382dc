import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createDocumentLoader } from '@lp/contexts';
import {
  addAchievements, createApiKey, createIssuerRouter, initIssuer, openIssuerStore, parseCatalogueFile, unlockSigningKey,
} from '../src/index.ts';
import type { IssuerRouterOptions, SigningKey } from '../src/index.ts';
import type { SqliteIssuerStore } from '../src/store/index.ts';

export const LP = fileURLToPath(new URL('../../cli/bin/lp.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
/** Low scrypt cost for keys made in-process (tests only; decrypt is told to accept it). */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };
export const T0 = new Date('2026-06-20T09:00:00Z');

/**
 * Every row of every table, in a stable order: equal before and after a refused request means
 * nothing stored changed (not only the counts).
 */
export function dbFingerprint(db: { prepare(sql: string): { all(): unknown[] } }): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]), (_k, v: unknown) =>
    v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v);
}

export function tempDir(prefix = 'lp-issuer-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function lp(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LP, ...args], { cwd: opts.cwd, env: { PATH: process.env.PATH ?? '', ...opts.env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export interface TestIssuer {
  store: SqliteIssuerStore;
  signer: SigningKey;
  url: string;
  apiKey: string;
  dir: string;
  /** Moves the injected clock. */
  setNow(d: Date): void;
  stop(): Promise<void>;
}

/** An issuer made in-process (real SQLite file in a temp dir) behind a real HTTP server on port 0. */
export async function startTestIssuer(opts: {
  didWebHost?: string; busyTimeoutMs?: number; router?: Partial<IssuerRouterOptions>; locked?: boolean;
  /** Another issuer than the default Jordanian examination board (a school, another country). */
  init?: { names?: Record<string, string>; country?: string; kind?: string };
} = {}): Promise<TestIssuer> {
  const { dir, cleanup } = tempDir();
  const store = await openIssuerStore(dir, { create: true, busyTimeoutMs: opts.busyTimeoutMs ?? 100 });
  let now = T0;
  await initIssuer(store, {
    names: opts.init?.names ?? { en: 'Demo Examinations Board', ar: 'مجلس الامتحانات التجريبي', fr: 'Office des examens (démo)' }, country: opts.init?.country ?? 'JO', passphrase: 'pw',
    now, actor: 'cli', keyFile: { scrypt: TEST_SCRYPT }, ...(opts.didWebHost ? { didWebHost: opts.didWebHost } : {}),
    ...(opts.init?.kind ? { kind: opts.init.kind } : {}),
  });
  await addAchievements(store, parseCatalogueFile(fs.readFileSync(path.join(FIXTURES, 'catalogue.json'), 'utf8'), 'json'), { now, actor: 'cli' });
  const signer = await unlockSigningKey(store, 'pw', { minN: TEST_SCRYPT.N });
  const { key } = await createApiKey(store, { label: 'exam-office', now, random: (n) => crypto.getRandomValues(new Uint8Array(n)), actor: 'cli' });
  const app = express();
  app.disable('x-powered-by');
  let url = '';
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  app.use(await createIssuerRouter({ store, baseUrl: url, signer: opts.locked ? null : signer, clock: () => now, ...opts.router }));
  return {
    store, signer, url, apiKey: key, dir,
    setNow: (d) => { now = d; },
    stop: async () => {
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
      await store.close();
      cleanup();
    },
  };
}

export function post(t: Pick<TestIssuer, 'url' | 'apiKey'>, route: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(t.url + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.apiKey}`, ...headers },
    body: typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body),
  });
}

export const ISSUE_FROM_CATALOGUE = {
  options: {
    achievement: 'BECE-MATH',
    subject: { name: 'ليلى أحمد', nameLatin: 'Layla Ahmad', dateOfBirth: '2010-03-04', candidateNumber: 'C-17' },
    result: { value: '452', status: 'Completed' },
    session: '2026-06',
  },
};

/** An unsigned OB 3.0 credential as a caller would send it (POST /credentials/issue needs the issuer named). */
export function givenCredential(issuer?: unknown): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'AchievementCredential'],
    name: 'Summer reading programme',
    ...(issuer !== undefined ? { issuer } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'ext:name', hashed: false, identityHash: 'Omar Haddad' }],
      achievement: {
        id: 'https://ngo.example/achievements/reading', type: ['Achievement'], name: 'Summer reading', description: 'Read ten books.',
        criteria: { narrative: 'Read ten books and present one.' },
      },
    },
  };
}

/**
 * Verifies a Data Integrity credential with @digitalbazaar/vc directly: the stock eddsa-rdfc-2022
 * cryptosuite and our offline loader (did:web documents injected, nothing fetched). Status is
 * checked elsewhere (the list is verified on its own).
 */
export async function verifyDi(credential: object, didDocuments: Record<string, object> = {}): Promise<{ verified: boolean; error?: unknown }> {
  const documentLoader = createDocumentLoader({ resolveDid: (did) => didDocuments[did] });
  const suite = new DataIntegrityProof({ cryptosuite: stockSuite });
  const isList = ((credential as { type?: string[] }).type ?? []).includes('BitstringStatusListCredential');
  return vc.verifyCredential({
    credential, suite, documentLoader,
    ...(isList ? {} : { checkStatus: async () => ({ verified: true }) }),
  });
}
