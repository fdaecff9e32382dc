// First-start DEMO (DESIGN.md "Runtime"): a fresh clone's `npm start` creates a clearly labelled
// demo examination body, its own trust anchor and bundle, a small catalogue and sample learners
// with issued credentials, so that /verify and /wallet have something to show. A data directory
// that holds a real issuer (`lp issuer init`) never gets demo data.
import fs from 'node:fs';
import path from 'node:path';
import { createDocumentLoader } from '@lp/contexts';
import { decryptKeyFile, didKeyFromPublicKey, encryptKeyFile, generateKeyPair, multikeyFromPublicKey, sign, type Ed25519KeyPair } from '@lp/crypto';
import { createSealClaims, encodeSeal, signCredentialDi } from '@lp/formats';
import { buildAchievementCredential, hasIssuerDb } from '@lp/issuer';
import { CatalogueAchievementSchema, type CatalogueAchievement } from '@lp/model';
import { renderQrPng } from '@lp/qr/node';
import { buildStatusListCredential, createBitstring, encodeList, statusEntry } from '@lp/status';
import { buildTrustBundle, signTrustBundle, type TrustFragment } from '@lp/trust';
import { DEMO_CATALOGUE, DEMO_ISSUER_NAMES, DEMO_LEARNERS, DEMO_PASSPHRASE, DEMO_STATUS_LIST } from './demo-data.ts';

export interface DemoSetup {
  dir: string;
  bundlePath: string;
  anchorDid: string;
  issuerDid: string;
  /** True when this call created the demo (first start). */
  created: boolean;
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `<dataDir>/demo`, or undefined when the data directory belongs to a real issuer. */
export function demoDir(dataDir: string): string | undefined {
  return hasIssuerDb(dataDir) ? undefined : path.join(dataDir, 'demo');
}

interface DemoKeys { anchor: Ed25519KeyPair; issuer: Ed25519KeyPair }

async function loadOrCreateKeys(dir: string): Promise<DemoKeys & { created: boolean }> {
  const anchorFile = path.join(dir, 'anchor-key.json');
  const issuerFile = path.join(dir, 'issuer-key.json');
  if (fs.existsSync(anchorFile) && fs.existsSync(issuerFile)) {
    const read = (f: string) => decryptKeyFile(JSON.parse(fs.readFileSync(f, 'utf8')), DEMO_PASSPHRASE);
    return { anchor: await read(anchorFile), issuer: await read(issuerFile), created: false };
  }
  const anchor = await generateKeyPair();
  const issuer = await generateKeyPair();
  // Encrypted like any key file, with the documented DEMO passphrase: demo keys sign nothing real.
  const write = async (f: string, k: Ed25519KeyPair, label: string) =>
    fs.writeFileSync(f, JSON.stringify(await encryptKeyFile(k, DEMO_PASSPHRASE, { label }), null, 2) + '\n', { mode: 0o600 });
  await write(anchorFile, anchor, 'DEMO trust anchor');
  await write(issuerFile, issuer, 'DEMO examination board');
  return { anchor, issuer, created: true };
}

function vmOf(did: string): string {
  return `${did}#${did.slice('did:key:'.length)}`;
}

/** Signs a fresh bundle (status snapshot fetched now), sequence = seconds since the epoch so it only grows. */
async function writeBundle(dir: string, keys: DemoKeys, statusList: Record<string, unknown>, catalogue: CatalogueAchievement[], now: Date): Promise<void> {
  const issuerDid = didKeyFromPublicKey(keys.issuer.publicKey);
  const fragment: TrustFragment = {
    type: 'LearningPassportTrustFragment',
    version: 1,
    exportedAt: iso(now),
    id: issuerDid,
    names: DEMO_ISSUER_NAMES,
    country: 'XX',
    kind: 'national-examination-body',
    keys: [{ id: vmOf(issuerDid), publicKeyMultibase: multikeyFromPublicKey(keys.issuer.publicKey), validFrom: '2020-01-01T00:00:00Z' }],
    catalogue: { achievements: catalogue as never },
    statusLists: [{ url: DEMO_STATUS_LIST, purpose: 'revocation', fetchedAt: iso(now), credential: statusList }],
  } as TrustFragment;
  const payload = buildTrustBundle({
    fragments: [fragment],
    sequence: Math.floor(now.getTime() / 1000),
    issuedAt: iso(now),
    expires: iso(new Date(now.getTime() + 365 * DAY)),
    anchorDid: didKeyFromPublicKey(keys.anchor.publicKey),
  });
  const jws = await signTrustBundle(payload, keys.anchor);
  fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(jws) + '\n');
}

async function issueSamples(dir: string, keys: DemoKeys, catalogue: CatalogueAchievement[], now: Date): Promise<Record<string, unknown>> {
  const documentLoader = createDocumentLoader();
  const issuerDid = didKeyFromPublicKey(keys.issuer.publicKey);
  const vm = vmOf(issuerDid);
  const profile = { id: issuerDid, names: DEMO_ISSUER_NAMES, country: 'XX', didMethod: 'key', createdAt: iso(now), kind: 'national-examination-body' };
  const validFrom = iso(now);
  let index = 1000;
  let certificate: ((input: unknown) => Promise<Uint8Array>) | undefined;
  try {
    // Optional: the issuer's certificate renderer (pdfkit and fonts) when it is present.
    const mod = (await import('../../../issuer/src/certificate/index.ts')) as { renderCertificatePdf: (input: unknown) => Promise<Uint8Array> };
    certificate = mod.renderCertificatePdf;
  } catch {
    certificate = undefined;
  }
  for (const learner of DEMO_LEARNERS) {
    const ldir = path.join(dir, learner.slug);
    fs.mkdirSync(ldir, { recursive: true });
    const certAchievements = [];
    for (const r of learner.results) {
      const entry = catalogue.find((e) => e.code === r.code)!;
      const id = `urn:uuid:${crypto.randomUUID()}`;
      const unsigned = buildAchievementCredential({
        id,
        profile,
        entry,
        subject: { name: learner.name, nameLatin: learner.nameLatin, dateOfBirth: learner.dateOfBirth, candidateNumber: learner.candidateNumber },
        result: { value: r.value },
        session: 'DEMO session 2025',
        validFrom,
        baseUrl: 'https://demo.learning-passport.example',
      });
      // OB 3.0 IdentifierTypeEnum has no 'name' (@lp/model follows the implementation guide's
      // 'ext:name'); older builders wrote 'name', which the profile check refuses.
      for (const o of ((unsigned.credentialSubject as { identifier?: { identityType?: string }[] }).identifier ?? [])) {
        if (o.identityType === 'name') o.identityType = 'ext:name';
      }
      unsigned.credentialStatus = statusEntry({ listUrl: DEMO_STATUS_LIST, index: index++, purpose: 'revocation' });
      const di = await signCredentialDi(unsigned, { keyPair: keys.issuer, verificationMethod: vm, documentLoader, created: now });
      const claims = createSealClaims(di, catalogue.map((e) => ({ code: e.code, id: e.id! })));
      const seal = await encodeSeal(claims, { sign: (b) => sign(keys.issuer.secretKey, b), kid: claims.keyId });
      const png = await renderQrPng(seal, { scale: 6 });
      const base = path.join(ldir, r.code.toLowerCase());
      fs.writeFileSync(`${base}.json`, JSON.stringify(di, null, 2) + '\n');
      fs.writeFileSync(`${base}.seal.txt`, seal + '\n');
      fs.writeFileSync(`${base}.png`, png);
      certAchievements.push({ code: r.code, names: entry.names, result: r.value, sealPng: png });
    }
    if (certificate) {
      try {
        const pdf = await certificate({
          issuer: { names: DEMO_ISSUER_NAMES, country: 'XX' },
          languages: ['en', 'ar'],
          learner: { nameAsWritten: learner.name, nameLatin: learner.nameLatin, dateOfBirth: learner.dateOfBirth, candidateNumber: learner.candidateNumber },
          session: 'DEMO session 2025',
          achievements: certAchievements,
          demo: true,
          issuedAt: validFrom,
        });
        fs.writeFileSync(path.join(ldir, 'certificate.pdf'), pdf);
      } catch {
        // The PDF is a convenience of the demo; the records and seals are what matter.
      }
    }
  }
  const unsignedList = buildStatusListCredential({ id: DEMO_STATUS_LIST, issuer: issuerDid, purpose: 'revocation', encodedList: encodeList(createBitstring()), validFrom });
  return signCredentialDi(unsignedList, { keyPair: keys.issuer, verificationMethod: vm, documentLoader, created: now });
}

/**
 * Creates the demo under `<dataDir>/demo` on first start; on later starts re-signs the bundle
 * when it is older than a day, so that the status snapshot stays within the verifier's age
 * policy. Returns undefined for a real issuer's data directory.
 */
export async function seedDemo(dataDir: string, now: Date = new Date()): Promise<DemoSetup | undefined> {
  const dir = demoDir(dataDir);
  if (dir === undefined) return undefined;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = await loadOrCreateKeys(dir);
  const catalogue = DEMO_CATALOGUE.map((e) => CatalogueAchievementSchema.parse(e));
  const listFile = path.join(dir, 'status-list.json');
  const bundlePath = path.join(dir, 'bundle.json');
  let created = false;
  if (keys.created || !fs.existsSync(listFile)) {
    const list = await issueSamples(dir, keys, catalogue, now);
    fs.writeFileSync(listFile, JSON.stringify(list, null, 2) + '\n');
    await writeBundle(dir, keys, list, catalogue, now);
    created = true;
  } else {
    let issuedAt = 0;
    try {
      const jws = JSON.parse(fs.readFileSync(bundlePath, 'utf8')) as { payload: string };
      issuedAt = Date.parse((JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8')) as { issuedAt: string }).issuedAt);
    } catch {
      issuedAt = 0;
    }
    if (!(now.getTime() - issuedAt < DAY)) {
      await writeBundle(dir, keys, JSON.parse(fs.readFileSync(listFile, 'utf8')) as Record<string, unknown>, catalogue, now);
    }
  }
  return {
    dir,
    bundlePath,
    anchorDid: didKeyFromPublicKey(keys.anchor.publicKey),
    issuerDid: didKeyFromPublicKey(keys.issuer.publicKey),
    created,
  };
}
