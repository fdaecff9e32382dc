// First-start DEMO (DESIGN.md "Runtime"): a fresh clone's `npm start` creates a clearly labelled
// demo examination body — a real issuer in its own data directory (`data/demo/issuer/`), made with
// the issuer's own init, catalogue, API key and bulk issuance — its own trust anchor and a bundle
// built from the issuer's trust fragment, so that /verify, /wallet and the issuer API have
// something to show. A data directory that holds a real issuer (`lp issuer init`) never gets demo data.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { contextDigests } from '@lp/contexts';
import { decryptKeyFile, didKeyFromPublicKey, encryptKeyFile, generateKeyPair, type Ed25519KeyPair } from '@lp/crypto';
import {
  addAchievements, bulkKeyOf, checkRowsAgainstCatalogue, createApiKey, createCredentialOffer, createPickupCode, exportTrustFragment, hasIssuerDb, pickupWalletUrl,
  initIssuer, issueBulk, issuerDocumentLoader, openIssuerStore, readResultsCsv, unlockSigningKey,
  type CheckedRow, type IssuerDeps,
} from '@lp/issuer';
import { renderCertificatePdf } from '../../../issuer/src/certificate/index.ts';
import { CatalogueAchievementSchema } from '@lp/model';
import { renderQrPng } from '@lp/qr/node';
import { buildTrustBundle, signTrustBundle } from '@lp/trust';
import { DEMO_CATALOGUE, DEMO_ISSUER_NAMES, DEMO_PASSPHRASE, demoSession } from './demo-data.ts';

export interface DemoSetup {
  dir: string;
  /** The demo issuer's data directory (`<dir>/issuer`, holds issuer.sqlite). */
  issuerDir: string;
  /** The base URL the demo issuer was created with (status lists, pick-up links): kept across starts. */
  baseUrl: string;
  bundlePath: string;
  anchorDid: string;
  issuerDid: string;
  /** True when this call created the demo (first start). */
  created: boolean;
  /** True when this call wrote a new bundle.json. */
  bundleRebuilt: boolean;
}

const DAY = 86_400_000;
const CSV_URL = new URL('./demo-results.csv', import.meta.url);

/** `<dataDir>/demo`, or undefined when the data directory belongs to a real issuer. */
export function demoDir(dataDir: string): string | undefined {
  return hasIssuerDb(dataDir) ? undefined : path.join(dataDir, 'demo');
}

/** `Amina Haddad` → `amina-haddad`: the learner's folder under data/demo. */
export function learnerSlug(nameLatin: string): string {
  return nameLatin.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'learner';
}

const random = (n: number) => new Uint8Array(randomBytes(n));

async function depsOf(issuerDir: string, baseUrl: string, now: Date): Promise<IssuerDeps & { close(): Promise<void> }> {
  const store = await openIssuerStore(issuerDir);
  try {
    const signer = await unlockSigningKey(store, DEMO_PASSPHRASE);
    return { store, signer, clock: () => now, random, baseUrl, documentLoader: await issuerDocumentLoader(store), close: () => store.close() };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** A bundle from the issuer's own trust fragment (fresh status snapshot), signed by the demo anchor. */
async function writeBundle(dir: string, deps: IssuerDeps, anchor: Ed25519KeyPair, now: Date): Promise<void> {
  const fragment = await exportTrustFragment(deps);
  const payload = buildTrustBundle({
    fragments: [fragment],
    // Seconds since the epoch: a rebuilt bundle always has a higher sequence than the one held.
    sequence: Math.floor(now.getTime() / 1000),
    issuedAt: now,
    expires: new Date(now.getTime() + 365 * DAY),
    anchorDid: didKeyFromPublicKey(anchor.publicKey),
    contexts: contextDigests(),
  });
  const jws = await signTrustBundle(payload, anchor);
  const file = path.join(dir, 'bundle.json');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(jws) + '\n');
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Each learner's folder: `<code>.json` (record as signed), `.seal.txt`, `.png`, certificate.pdf,
 * PICKUP.txt, and the same credentials as an OpenID4VCI offer: OFFER.txt (the standard link, then
 * the link opening it in our wallet page) and offer.png (the standard link's QR).
 */
async function writeLearnerFolders(dir: string, deps: IssuerDeps, rows: readonly CheckedRow[], session: string): Promise<void> {
  const byLearner = new Map<string, CheckedRow[]>();
  for (const row of rows) byLearner.set(row.data.candidateNumber, [...(byLearner.get(row.data.candidateNumber) ?? []), row]);
  const profile = (await deps.store.getProfile())!;
  for (const learnerRows of byLearner.values()) {
    const d = learnerRows[0]!.data;
    const ldir = path.join(dir, learnerSlug(d.nameLatin));
    fs.mkdirSync(ldir, { recursive: true });
    const ids: string[] = [];
    const achievements = [];
    for (const row of learnerRows) {
      const rec = (await deps.store.getCredentialByBulkKey(bulkKeyOf(row, session)))!;
      const base = path.join(ldir, row.data.achievementCode.toLowerCase());
      fs.writeFileSync(`${base}.json`, rec.record);
      const png = await renderQrPng(rec.seal!, { scale: 6 });
      fs.writeFileSync(`${base}.seal.txt`, rec.seal + '\n');
      fs.writeFileSync(`${base}.png`, png);
      ids.push(rec.id);
      // The result's scale ("Score (0–100)") from the catalogue, as bulk certificates print it.
      const scale = row.entry.resultDescriptions.find((rd) => rd.resultType !== 'Status') ?? row.entry.resultDescriptions[0];
      const resultLabel = scale?.names as Record<string, string> | undefined;
      achievements.push({ code: row.entry.code, names: row.entry.names as Record<string, string>, result: row.data.result, ...(resultLabel ? { resultLabel } : {}), sealPng: png });
    }
    // One code delivers all of the learner's credentials, as on a bulk certificate (write-bulk-output.ts),
    // and so does an offer any OpenID4VCI wallet takes; made together, collecting either spends both.
    const { pickup, offer } = await deps.store.transaction(async (tx) => {
      const p = await createPickupCode(tx, { credentialIds: ids, now: deps.clock(), random: deps.random, baseUrl: deps.baseUrl });
      const o = await createCredentialOffer(tx, { credentialIds: ids, now: deps.clock(), random: deps.random, baseUrl: deps.baseUrl, pickupCode: p.code });
      return { pickup: p, offer: o };
    });
    const pdf = await renderCertificatePdf({
      issuer: { names: profile.names, country: profile.country },
      languages: ['en', 'ar', 'fr'],
      learner: { nameAsWritten: d.name, nameLatin: d.nameLatin, dateOfBirth: d.dateOfBirth, candidateNumber: d.candidateNumber },
      session,
      achievements,
      pickupCode: pickup.code,
      pickupUrl: pickupWalletUrl(deps.baseUrl, pickup.code),
      demo: true,
      issuedAt: deps.clock().toISOString(),
    });
    fs.writeFileSync(path.join(ldir, 'certificate.pdf'), pdf);
    fs.writeFileSync(path.join(ldir, 'PICKUP.txt'), `${pickup.url}\n`);
    fs.writeFileSync(path.join(ldir, 'OFFER.txt'), `${offer.uri}\n${offer.walletUrl}\n`);
    fs.writeFileSync(path.join(ldir, 'offer.png'), Buffer.from(offer.qrPng.slice(offer.qrPng.indexOf(',') + 1), 'base64'));
  }
}

const README = (baseUrl: string) => `DEMO — sample data of a fictitious examination body. Nothing here is a real credential.

issuer/          the DEMO issuer's data directory (LP_DATA_DIR=data/demo/issuer, LP_PASSPHRASE=${DEMO_PASSPHRASE})
API-KEY.txt      the DEMO issuer's API key (POST ${baseUrl}/credentials/issue)
ANCHOR.txt       the DEMO trust anchor's DID (pin it: --anchor $(cat data/demo/ANCHOR.txt))
anchor-key.json  the DEMO trust anchor's key (encrypted with ${DEMO_PASSPHRASE})
bundle.json      the DEMO trust bundle (rebuilt by \`lp serve\` when a day old or after issuing/revoking)
<learner>/       per sample learner: <code>.json (record), <code>.png and .seal.txt (QR seal),
                 certificate.pdf, PICKUP.txt (one-time pick-up link: lp wallet receive URL),
                 OFFER.txt and offer.png (the same credentials as an OpenID4VCI offer for any
                 wallet: first line the openid-credential-offer:// link, second the link that
                 opens it in the wallet page; either one, used, spends the other and PICKUP.txt)
See README.md "Quick start".
`;

async function createDemo(dir: string, baseUrl: string, now: Date): Promise<{ issuerDid: string; anchorDid: string; auditId: number }> {
  // Built aside and renamed into place: a crash half-way leaves no half-made demo behind.
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const issuerDir = path.join(tmp, 'issuer');
  fs.mkdirSync(issuerDir, { recursive: true, mode: 0o700 });
  const anchor = await generateKeyPair();
  // Encrypted like any key file, with the documented DEMO passphrase: demo keys sign nothing real.
  fs.writeFileSync(path.join(tmp, 'anchor-key.json'), JSON.stringify(await encryptKeyFile(anchor, DEMO_PASSPHRASE, { label: 'DEMO trust anchor' }), null, 2) + '\n', { mode: 0o600 });
  fs.writeFileSync(path.join(tmp, 'ANCHOR.txt'), didKeyFromPublicKey(anchor.publicKey) + '\n');
  fs.writeFileSync(path.join(issuerDir, 'base-url.txt'), baseUrl + '\n');
  const store = await openIssuerStore(issuerDir);
  try {
    await initIssuer(store, { names: DEMO_ISSUER_NAMES, country: 'XX', passphrase: DEMO_PASSPHRASE, now, actor: 'demo', publicUrl: baseUrl });
    const catalogue = DEMO_CATALOGUE.map((e) => CatalogueAchievementSchema.parse(e));
    await addAchievements(store, catalogue, { now, actor: 'demo' });
    const key = await createApiKey(store, { label: 'DEMO', now, random, actor: 'demo' });
    fs.writeFileSync(path.join(tmp, 'API-KEY.txt'), key.key + '\n', { mode: 0o600 });
  } finally {
    await store.close();
  }
  const deps = await depsOf(issuerDir, baseUrl, now);
  let result: { issuerDid: string; anchorDid: string; auditId: number };
  try {
    // The issuer's real bulk path: CSV → checked rows → idempotent issuance.
    const read = readResultsCsv(fs.readFileSync(CSV_URL), { now });
    const catalogue = (await deps.store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));
    const checked = checkRowsAgainstCatalogue(read.rows, catalogue, { achievement: 'achievement_code', result: 'result' });
    const problems = [...read.issues, ...checked.issues];
    if (problems.length > 0) throw new Error(`demo-results.csv: ${problems.map((p) => p.message).join('; ')}`);
    const session = demoSession(now);
    const report = await issueBulk(deps, { session, rows: checked.rows, runId: 'demo' });
    if (report.failed > 0) throw new Error(`demo issuance failed for ${report.failed} row(s)`);
    await writeLearnerFolders(tmp, deps, checked.rows, session);
    await writeBundle(tmp, deps, anchor, now);
    result = { issuerDid: deps.signer.issuerId, anchorDid: didKeyFromPublicKey(anchor.publicKey), auditId: await lastAuditId(deps.store) };
  } finally {
    await deps.close();
  }
  fs.writeFileSync(path.join(tmp, 'README.txt'), README(baseUrl));
  if (fs.existsSync(dir)) {
    // A demo from an older version (no issuer/): kept aside, never mixed with the new one.
    const aside = `${dir}.previous`;
    fs.rmSync(aside, { recursive: true, force: true });
    fs.renameSync(dir, aside);
  }
  fs.writeFileSync(path.join(issuerDir, 'bundle-audit-id.txt'), `${result.auditId}\n`);
  fs.renameSync(tmp, dir);
  return result;
}

function bundleIssuedAt(bundlePath: string): number {
  try {
    const jws = JSON.parse(fs.readFileSync(bundlePath, 'utf8')) as { payload: string };
    return Date.parse((JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8')) as { issuedAt: string }).issuedAt);
  } catch {
    return 0;
  }
}

/** The newest audit entry's id: every issuance, status change, key and catalogue change appends one. */
async function lastAuditId(store: IssuerDeps['store']): Promise<number> {
  let last = 0;
  for (;;) {
    const page = await store.listAudit({ afterId: last, limit: 500 });
    if (page.length === 0) return last;
    last = page[page.length - 1]!.id;
  }
}

/**
 * Creates the demo under `<dataDir>/demo` on first start; on later starts rebuilds the bundle
 * from the issuer's trust fragment when it is older than a day (the status snapshot must stay
 * within the verifier's age policy) or when the issuer's database changed since (issued, revoked).
 * Returns undefined for a real issuer's data directory.
 */
export async function seedDemo(dataDir: string, opts: { now?: Date; baseUrl?: string } = {}): Promise<DemoSetup | undefined> {
  const dir = demoDir(dataDir);
  if (dir === undefined) return undefined;
  const now = opts.now ?? new Date();
  const issuerDir = path.join(dir, 'issuer');
  const bundlePath = path.join(dir, 'bundle.json');
  if (!hasIssuerDb(issuerDir)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const baseUrl = (opts.baseUrl ?? 'http://localhost:8080').replace(/\/+$/, '');
    const made = await createDemo(dir, baseUrl, now);
    return { dir, issuerDir, baseUrl, bundlePath, anchorDid: made.anchorDid, issuerDid: made.issuerDid, created: true, bundleRebuilt: true };
  }
  const baseUrl = fs.readFileSync(path.join(issuerDir, 'base-url.txt'), 'utf8').trim();
  const anchorDid = fs.readFileSync(path.join(dir, 'ANCHOR.txt'), 'utf8').trim();
  const stampFile = path.join(issuerDir, 'bundle-audit-id.txt');
  const store = await openIssuerStore(issuerDir);
  let issuerDid: string;
  let stale: boolean;
  try {
    issuerDid = (await store.getProfile())!.id;
    const stamp = Number(fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : NaN);
    stale = !Number.isInteger(stamp) || (await lastAuditId(store)) > stamp || !(now.getTime() - bundleIssuedAt(bundlePath) < DAY);
  } finally {
    await store.close();
  }
  if (stale) {
    // The keys are unlocked (scrypt) only when the bundle is rebuilt.
    const anchor = await decryptKeyFile(JSON.parse(fs.readFileSync(path.join(dir, 'anchor-key.json'), 'utf8')), DEMO_PASSPHRASE);
    const deps = await depsOf(issuerDir, baseUrl, now);
    try {
      await writeBundle(dir, deps, anchor, now);
      fs.writeFileSync(stampFile, `${await lastAuditId(deps.store)}\n`);
    } finally {
      await deps.close();
    }
  }
  return { dir, issuerDir, baseUrl, bundlePath, anchorDid, issuerDid, created: false, bundleRebuilt: stale };
}
