// The non-formal learning fixtures issued for real: the NGO's catalogue and results CSV
// (test/fixtures/non-formal/) read by the issuer, each row built, signed (Data Integrity) and
// sealed, and a trust bundle listing the NGO (South Sudan, ngo-programme) signed by an anchor.
import { readFileSync } from 'node:fs';
import { sign } from '@lp/crypto';
import { createSealClaims, encodeSeal, signCredentialDi } from '@lp/formats';
import type { CatalogueAchievement } from '@lp/model';
import { buildTrustBundle, signTrustBundle, verifyTrustBundle, type FlattenedJws, type TrustFragment, type VerifiedTrustBundle } from '@lp/trust';
import { buildAchievementCredential, checkRowsAgainstCatalogue, parseCatalogueFile, readResultsCsv } from '../../issuer/src/index.ts';
import { documentLoader, party, type Party } from '../../packages/verify/test/lib/make-world.ts';

export const NOW = new Date('2025-01-15T12:00:00Z');
const SIGNED_AT = new Date('2024-12-02T09:00:00Z');
export const BASE = 'https://aep.ngo.example';
const fixture = (f: string) => readFileSync(new URL(`../fixtures/non-formal/${f}`, import.meta.url));

export interface NonFormalWorld {
  anchor: Party;
  ngo: Party;
  catalogue: CatalogueAchievement[];
  /** Per results row: the signed record, its seal, and the same seal without claims 8.7/8.8. */
  issued: { full: Record<string, unknown>; seal: string; plainSeal: string }[];
  bundleJws: FlattenedJws;
  bundle: VerifiedTrustBundle;
}

export async function issueNonFormal(): Promise<NonFormalWorld> {
  const anchor = await party(31);
  const ngo = await party(32);
  const catalogue = parseCatalogueFile(fixture('catalogue-aep-ss.csv').toString('utf8'), 'csv');
  const read = readResultsCsv(fixture('results-aep-ss.csv'), { now: NOW });
  const checked = checkRowsAgainstCatalogue(read.rows, catalogue, { achievement: 'achievement_code', result: 'result' });
  const problems = [...read.issues, ...checked.issues];
  if (problems.length > 0) throw new Error(`fixture rows refused: ${JSON.stringify(problems)}`);
  const profile = { id: ngo.did, names: { en: 'Juba Accelerated Learning Partnership' }, country: 'SS', didMethod: 'key' as const, createdAt: '2024-01-01T00:00:00Z' };
  const issued: NonFormalWorld['issued'] = [];
  for (const [i, row] of checked.rows.entries()) {
    const credential = buildAchievementCredential({
      id: `urn:uuid:7d3c1a52-0e41-4c7e-9d2f-5e1a7c3b9f1${i}`,
      profile,
      entry: row.entry,
      subject: { name: row.data.name, dateOfBirth: row.data.dateOfBirth, candidateNumber: row.data.candidateNumber },
      result: row.result,
      validFrom: `${row.data.awardedDate}T00:00:00Z`,
      baseUrl: BASE,
    });
    const full = await signCredentialDi(credential, { keyPair: ngo.keyPair, verificationMethod: ngo.vm, documentLoader, created: SIGNED_AT });
    const list = catalogue.map((e) => ({ code: e.code, id: `${BASE}/achievements/${e.code}` }));
    const claims = createSealClaims(full, list);
    const seal = await encodeSeal(claims, { sign: (b) => sign(ngo.keyPair.secretKey, b), kid: claims.keyId });
    // The same seal without the new claims (8.7, 8.8): the size they cost.
    const plain = { ...claims, achievements: claims.achievements.map(({ monthsCompleted: _m, competencies: _c, ...a }) => a) };
    const plainSeal = await encodeSeal(plain, { sign: (b) => sign(ngo.keyPair.secretKey, b), kid: claims.keyId });
    issued.push({ full, seal, plainSeal });
  }
  const fragment: TrustFragment = {
    type: 'LearningPassportTrustFragment', version: 1, exportedAt: '2025-01-01T00:00:00Z', id: ngo.did,
    names: { en: 'Juba Accelerated Learning Partnership' }, country: 'SS', kind: 'ngo-programme',
    keys: [{ id: ngo.vm, publicKeyMultibase: ngo.did.slice('did:key:'.length), validFrom: '2024-01-01T00:00:00Z' }],
    catalogue: { achievements: catalogue as never },
    statusLists: [],
  };
  const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: '2025-01-14T00:00:00Z', expires: '2025-04-01T00:00:00Z', anchorDid: anchor.did });
  const bundleJws = await signTrustBundle(payload, anchor.keyPair);
  const v = await verifyTrustBundle(bundleJws, { anchors: [anchor.did], now: NOW });
  if (!v.ok) throw new Error(v.message);
  const { ok: _ok, ...bundle } = v;
  return { anchor, ngo, catalogue, issued, bundleJws, bundle };
}
