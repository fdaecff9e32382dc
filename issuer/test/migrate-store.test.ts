import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { startPostgres } from '../../test/lib/start-postgres.ts';
import type { TestPostgres } from '../../test/lib/start-postgres.ts';
import { unlockSigningKey } from '../src/index.ts';
import { offerSecretHash } from '../src/oid4vci/create-credential-offer.ts';
import { openPostgresStore } from '../src/store/index.ts';
import type { CopyReport, IssuerStore } from '../src/store/index.ts';
import { ISSUE_FROM_CATALOGUE, TEST_SCRYPT, lp, post, startTestIssuer } from './issuer-helpers.ts';
import type { TestIssuer } from './issuer-helpers.ts';

/** Everything a store holds, read through the store interface: equal means the same issuer. */
async function contents(store: IssuerStore) {
  const credentials = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.listCredentials({ limit: 1000, offset });
    credentials.push(...page);
    if (page.length < 1000) break;
  }
  const lists = await store.listStatusLists();
  return {
    profile: await store.getProfile(),
    keys: await store.listKeys(),
    achievements: await store.listAchievements(),
    credentials,
    lists: await Promise.all(lists.map((l) => store.getStatusList(l.id))),
    audit: await store.listAudit({ limit: 1000 }),
    apiKeys: await store.listApiKeys(),
    bulkRuns: await store.listBulkRuns(),
  };
}

describe('lp issuer migrate-store --to postgres://…', () => {
  let pg: TestPostgres;
  let issuer: TestIssuer;
  let target: string;
  const env = () => ({ LP_DATA_DIR: issuer.dir });
  /** The OpenID4VCI pre-authorized code of each credential issued with an offer. */
  const offerCodes = new Map<string, string>();
  const ids: string[] = [];
  const NOW = '2026-06-20T10:00:00.000Z';

  beforeAll(async () => {
    pg = await startPostgres();
    issuer = await startTestIssuer();
    target = await pg.createDatabase('moved');
    // A used issuer: credentials with and without pick-up codes, one revoked, one suspended, a bulk run.
    for (let n = 0; n < 6; n++) {
      const r = await post(issuer, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, pickup: n % 2 === 0, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: `M-${n}` } } });
      expect(r.status).toBe(201);
      const body = (await r.json()) as { id: string; credentialOffer?: { uri: string } };
      ids.push(body.id);
      if (body.credentialOffer) {
        const offer = JSON.parse(new URL(body.credentialOffer.uri).searchParams.get('credential_offer')!) as { grants: Record<string, { 'pre-authorized_code': string }> };
        offerCodes.set(body.id, offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code']);
      }
    }
    // One offer redeemed before the move: it must stay redeemed in the copy.
    expect((await issuer.store.redeemCredentialOffer(offerSecretHash(offerCodes.get(ids[2]!)!), null, NOW, 3)).ok).toBe(true);
    expect((await post(issuer, '/credentials/status', { credentialId: ids[1], action: 'revoke', reason: 'wrong marks' })).status).toBe(200);
    expect((await post(issuer, '/credentials/status', { credentialId: ids[2], action: 'suspend' })).status).toBe(200);
    await issuer.store.startBulkRun({ id: 'run-1', session: '2026-06', startedAt: '2026-06-20T09:00:00Z' });
    await issuer.store.finishBulkRun('run-1', '2026-06-20T09:05:00Z', { issued: 6, skipped: 0, failed: 0 });
  }, 120_000);

  afterAll(async () => {
    await issuer?.stop();
    await pg?.stop();
  });

  it('copies every table (audit log ids included), reports counts and digests, and the copy reads the same', async () => {
    const r = await lp(['issuer', 'migrate-store', '--to', target, '--json'], { cwd: issuer.dir, env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as CopyReport & { source: string };
    expect(report.target).toMatch(/^127\.0\.0\.1:\d+$/);
    const rows = Object.fromEntries(report.tables.map((t) => [t.table, t.rows]));
    expect(rows).toMatchObject({ issuer_profile: 1, keys: 1, credentials: 6, pickup_codes: 3, status_allocations: 12, bulk_runs: 1, oid4vci_offers: 3, oid4vci_offer_items: 3 });
    expect(rows.audit_log).toBeGreaterThan(8);
    for (const t of report.tables) expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);

    const copy = await openPostgresStore(target);
    try {
      expect(await contents(copy)).toEqual(await contents(issuer.store));
      // The copy goes on where the source stopped: the next audit id, no status index again.
      const last = (await issuer.store.listAudit({ limit: 1000 })).at(-1)!.id;
      expect(await copy.appendAudit({ at: '2026-06-21T00:00:00Z', actor: 'cli', action: 'store.moved' })).toBe(last + 1);
      const used = new Set((await issuer.store.listCredentials()).flatMap((c) => c.status.filter((s) => s.purpose === 'revocation').map((s) => s.index)));
      for (let k = 0; k < 50; k++) expect(used.has((await copy.allocateStatus('revocation')).index)).toBe(false);
      // The key still opens with the issuer's passphrase.
      expect((await unlockSigningKey(copy, 'pw', { minN: TEST_SCRYPT.N })).kid).toBe(issuer.signer.kid);
      // An open offer is redeemed once in the copy; one redeemed before the move stays redeemed.
      expect(await copy.redeemCredentialOffer(offerSecretHash(offerCodes.get(ids[0]!)!), null, NOW, 3)).toEqual({ ok: true, offerId: expect.any(String), credentialIds: [ids[0]] });
      expect(await copy.redeemCredentialOffer(offerSecretHash(offerCodes.get(ids[0]!)!), null, NOW, 3)).toEqual({ ok: false, reason: 'used' });
      expect(await copy.redeemCredentialOffer(offerSecretHash(offerCodes.get(ids[2]!)!), null, NOW, 3)).toEqual({ ok: false, reason: 'used' });
      // The copied audit log is append-only like any other.
      await expect(pg.query('moved', "UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/append-only/);
    } finally {
      await copy.close();
    }
  });

  it('refuses a target that is not empty, and changes nothing in it', async () => {
    const before = await pg.query<{ n: string }>('moved', 'SELECT (SELECT COUNT(*) FROM credentials) + (SELECT COUNT(*) FROM audit_log) AS n');
    const r = await lp(['issuer', 'migrate-store', '--to', target], { cwd: issuer.dir, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TARGET_NOT_EMPTY');
    expect(await pg.query('moved', 'SELECT (SELECT COUNT(*) FROM credentials) + (SELECT COUNT(*) FROM audit_log) AS n')).toEqual(before);
  });

  it('a source that does not add up is refused (MIGRATION_MISMATCH) and nothing is committed', async () => {
    const other = await pg.createDatabase('mismatch');
    issuer.store.db.prepare('UPDATE status_lists SET used_count = used_count + 1').run();
    try {
      const r = await lp(['issuer', 'migrate-store', '--to', other], { cwd: issuer.dir, env: env() });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('MIGRATION_MISMATCH');
      expect(await pg.query('mismatch', 'SELECT (SELECT COUNT(*) FROM issuer_profile) + (SELECT COUNT(*) FROM credentials) + (SELECT COUNT(*) FROM audit_log) AS n')).toEqual([{ n: '0' }]);
    } finally {
      issuer.store.db.prepare('UPDATE status_lists SET used_count = used_count - 1').run();
    }
  });

  it('an unreachable target: exit 2 naming host and port; a target that is not PostgreSQL: DATABASE_URL_INVALID', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const [dead, wrong] = await Promise.all([
      lp(['issuer', 'migrate-store', '--to', `postgres://lp@127.0.0.1:${port}/x`], { cwd: issuer.dir, env: env() }),
      lp(['issuer', 'migrate-store', '--to', 'sqlite:///tmp/x'], { cwd: issuer.dir, env: env() }),
    ]);
    expect(dead.code).toBe(2);
    expect(dead.stderr).toContain(`STORE_UNREACHABLE: cannot reach PostgreSQL at 127.0.0.1:${port}`);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('DATABASE_URL_INVALID');
  });
});
