// The first-start DEMO never touches a real issuer's data directory, and a configured trust
// bundle wins over it.
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preparePagesTrust } from '../src/demo/prepare-demo.ts';
import { openIssuerStore } from '@lp/issuer';
import { decodeQrFromFile } from '@lp/qr/node';
import { seedDemo } from '../src/demo/seed-demo.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lp-demo-'));

describe('DEMO seeding', () => {
  test('a data directory holding an issuer gets no demo', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'issuer.sqlite'), '');
    expect(await seedDemo(dir)).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'demo'))).toBe(false);
    const trust = await preparePagesTrust({ LP_DATA_DIR: dir }, dir, () => undefined);
    expect(trust.demoIssuer).toBeUndefined();
  });

  test('LP_TRUST_BUNDLE and LP_TRUST_ANCHORS win over the demo', async () => {
    const dir = tmp();
    const trust = await preparePagesTrust({ LP_DATA_DIR: dir, LP_TRUST_BUNDLE: 'b.json', LP_TRUST_ANCHORS: 'did:key:z6MkA, did:key:z6MkB' }, dir, () => undefined);
    expect(trust).toMatchObject({ bundlePath: path.join(dir, 'b.json'), anchors: ['did:key:z6MkA', 'did:key:z6MkB'], demoIssuer: undefined });
    expect(fs.existsSync(path.join(dir, 'demo'))).toBe(false);
  });

  test('LP_DEMO=0 turns it off', async () => {
    const dir = tmp();
    const trust = await preparePagesTrust({ LP_DATA_DIR: dir, LP_DEMO: '0' }, dir, () => undefined);
    expect(trust.bundlePath).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'demo'))).toBe(false);
  });

  test('the DEMO body is a real issuer in data/demo/issuer; its bundle is rebuilt after a change or a day', async () => {
    const dir = tmp();
    const t0 = new Date('2026-06-01T10:00:00Z');
    const first = await seedDemo(dir, { now: t0, baseUrl: 'http://localhost:8080' });
    expect(first).toMatchObject({ created: true, issuerDir: path.join(dir, 'demo', 'issuer'), baseUrl: 'http://localhost:8080' });
    for (const f of ['issuer/issuer.sqlite', 'API-KEY.txt', 'ANCHOR.txt', 'bundle.json', 'amina-haddad/demo-math.png', 'amina-haddad/demo-math.seal.txt', 'amina-haddad/certificate.pdf', 'amina-haddad/PICKUP.txt']) {
      expect(fs.existsSync(path.join(dir, 'demo', f))).toBe(true);
    }
    expect(fs.readFileSync(path.join(dir, 'demo', 'ANCHOR.txt'), 'utf8').trim()).toBe(first!.anchorDid);
    expect(fs.readFileSync(path.join(dir, 'demo', 'amina-haddad', 'PICKUP.txt'), 'utf8')).toMatch(/^http:\/\/localhost:8080\/pickup\/[0-9A-Z-]+\n$/);
    // Beside the pick-up code, an OpenID4VCI offer for any wallet: its link, the link opening it in
    // the wallet page, and the first one's QR.
    const [offer, pageLink] = fs.readFileSync(path.join(dir, 'demo', 'amina-haddad', 'OFFER.txt'), 'utf8').split('\n');
    expect(offer).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    expect(pageLink).toBe(`http://localhost:8080/wallet#offer=${encodeURIComponent(offer!)}`);
    expect((await decodeQrFromFile(new Uint8Array(fs.readFileSync(path.join(dir, 'demo', 'amina-haddad', 'offer.png'))))).text).toBe(offer);
    const store = await openIssuerStore(first!.issuerDir);
    const profile = await store.getProfile();
    expect(Object.keys(profile!.names).sort()).toEqual(['ar', 'en', 'fr']);
    expect((await store.listAchievements()).map((a) => a.code).sort()).toEqual(['DEMO-ARABIC', 'DEMO-MATH', 'DEMO-SCI']);
    await store.close();
    // Same day, nothing changed: kept. The issuer changed (any audited action): rebuilt.
    expect(await seedDemo(dir, { now: new Date(t0.getTime() + 3600_000) })).toMatchObject({ created: false, bundleRebuilt: false, issuerDid: first!.issuerDid });
    const s2 = await openIssuerStore(first!.issuerDir);
    await s2.appendAudit({ at: '2026-06-01T11:00:00Z', actor: 'test', action: 'test.change' });
    await s2.close();
    expect(await seedDemo(dir, { now: new Date(t0.getTime() + 7200_000) })).toMatchObject({ bundleRebuilt: true });
    expect(await seedDemo(dir, { now: new Date(t0.getTime() + 7300_000) })).toMatchObject({ bundleRebuilt: false });
    expect(await seedDemo(dir, { now: new Date(t0.getTime() + 2 * 86_400_000) })).toMatchObject({ bundleRebuilt: true });
    // The data directory itself stays free of an issuer: `lp issuer init` there still works.
    expect(fs.existsSync(path.join(dir, 'issuer.sqlite'))).toBe(false);
  }, 300_000);
});
