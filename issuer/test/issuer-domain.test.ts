import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { decodeSeal } from '@lp/formats';
import { buildTrustBundle } from '@lp/trust';
import {
  addAchievements, exportTrustFragment, initIssuer, issueCredential, issuerDocumentLoader, openIssuerStore, parseCatalogueFile,
  redeemPickupCode, unlockSigningKey, IssuerError,
} from '../src/index.ts';
import type { IssuerDeps } from '../src/index.ts';
import type { SqliteIssuerStore } from '../src/store/index.ts';
import { FIXTURES, T0, TEST_SCRYPT, tempDir, verifyDi } from './issuer-helpers.ts';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteIssuerStore;
let deps: IssuerDeps;

beforeEach(async () => {
  tmp = tempDir();
  // Lists of 16 entries (tests only) so that filling one is cheap.
  store = await openIssuerStore(tmp.dir, { create: true, listLength: 16, allowShortList: true });
  await initIssuer(store, { names: { en: 'Board' }, country: 'JO', passphrase: 'pw', now: T0, actor: 'cli', keyFile: { scrypt: TEST_SCRYPT } });
  await addAchievements(store, parseCatalogueFile(fs.readFileSync(path.join(FIXTURES, 'catalogue.json'), 'utf8'), 'json'), { now: T0, actor: 'cli' });
  deps = {
    store, signer: await unlockSigningKey(store, 'pw', { minN: TEST_SCRYPT.N }), clock: () => T0,
    random: (n) => crypto.getRandomValues(new Uint8Array(n)), baseUrl: 'https://exams.example', documentLoader: await issuerDocumentLoader(store),
  };
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

const row = (candidateNumber: string) => ({
  achievement: 'BECE-MATH', subject: { name: `Learner ${candidateNumber}`, candidateNumber }, result: { value: '300' }, session: '2026-06',
  bulkKey: { candidateNumber, achievementCode: 'BECE-MATH', session: '2026-06' }, actor: 'bulk:test',
});

describe('issueCredential (the use case the bulk run calls per row)', () => {
  it('is idempotent per bulk key: the second call returns the stored credential and writes nothing', async () => {
    const a = await issueCredential(deps, { ...row('C-1'), pickup: true });
    expect(a.existing).toBe(false);
    expect(a.pickup?.code).toBeDefined();
    const audit = (await store.listAudit()).length;
    const b = await issueCredential(deps, row('C-1'));
    expect(b).toEqual({ id: a.id, credential: a.credential, seal: a.seal, existing: true, warnings: [] });
    expect(await store.countCredentials()).toBe(1);
    expect((await store.listAudit()).length).toBe(audit);
    expect(decodeSeal(a.seal!).claims.learnerName).toBe('Learner C-1');
    expect((await redeemPickupCode(store, a.pickup!.code, T0)).credentials).toEqual([{ id: a.id, credential: a.credential, seal: a.seal, jwt: null }]);
  });

  it('opens a new status list when one is full; indexes never repeat; every credential verifies', async () => {
    const seen = new Set<string>();
    let last;
    for (let i = 0; i < 17; i++) {
      last = await issueCredential(deps, row(`C-${i}`));
      for (const s of last.credential.credentialStatus as { id: string }[]) {
        expect(seen.has(s.id)).toBe(false);
        seen.add(s.id);
      }
    }
    const lists = await store.listStatusLists('revocation');
    expect(lists.map((l) => [l.id, l.usedCount, l.full])).toEqual([['revocation-1', 16, true], ['revocation-2', 1, false]]);
    expect((last!.credential.credentialStatus as { statusListCredential: string }[])[0]!.statusListCredential).toBe('https://exams.example/status/revocation-2');
    expect((await verifyDi(last!.credential)).verified).toBe(true);
  });

  it('an unknown achievement or a missing subject is refused before anything is allocated', async () => {
    await expect(issueCredential(deps, { ...row('C-1'), achievement: 'NOPE' })).rejects.toMatchObject({ code: 'ACHIEVEMENT_UNKNOWN' });
    const { subject: _s, ...noSubject } = row('C-2');
    await expect(issueCredential(deps, noSubject)).rejects.toBeInstanceOf(IssuerError);
    expect(await store.listStatusLists()).toEqual([]);
  });

  it('the exported fragment is accepted by buildTrustBundle (lp trust build)', async () => {
    await issueCredential(deps, row('C-1'));
    const fragment = await exportTrustFragment({ ...deps, signer: deps.signer });
    const bundle = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: T0, expires: '2027-01-01T00:00:00Z', anchorDid: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' });
    expect(bundle.issuers[0]).toMatchObject({ id: deps.signer.issuerId, kind: 'national-examination-body', country: 'JO' });
    expect(bundle.issuers[0]!.statusLists).toHaveLength(2);
  });
});
