// Our verifiers beside the fastest thing that does the same core work, as ratios of CPU time per
// operation measured alternately in the same process (bench/lib/measure-cpu-ratio.ts): a QR seal
// from text through the whole pipeline against one raw node:crypto Ed25519 verification, and a
// vc+jwt with all checks against jose's jwtVerify alone with the same key and token.
// Run alone: node --import tsx bench/ratio.bench.ts
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importJWK, jwtVerify } from 'jose';
import { didKeyFromPublicKey, keyPairFromSeed, publicKeyToJwk, sign } from '@lp/crypto';
import { signCredentialJwt, verifyCredentialJwt } from '@lp/formats';
import { verifyFullRecordWithTrust, verifySeal } from '../packages/verify/src/index.ts';
import { makeWorld } from '../packages/verify/test/lib/make-world.ts';
import { measureCpuRatio } from './lib/measure-cpu-ratio.ts';

export interface BenchTable {
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export async function benchRatios(opts: { rounds?: number } = {}): Promise<BenchTable> {
  const expect = async (p: Promise<{ verdict: string }>, what: string) => {
    const r = await p;
    if (r.verdict !== 'VALID') throw new Error(`bench input not VALID: ${what} ${r.verdict}`);
  };

  // Seal: the pipeline with every check against a trust bundle, as in bench/verify.bench.ts.
  const world = await makeWorld();
  const ctx = world.ctx();
  await expect(verifySeal(world.good.seal, ctx), 'seal');
  const rawKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519, world.issuer.keyPair.publicKey]), format: 'der', type: 'spki' });
  const msg = new Uint8Array(64).fill(1);
  const sig = await sign(world.issuer.keyPair.secretKey, msg);
  const raw = () => nodeVerify(null, msg, rawKey, sig);

  // vc+jwt: the Grade 9 record as in bench/full-record.bench.ts; jose gets the same key and token.
  const keyPair = await keyPairFromSeed(new Uint8Array(32).fill(11));
  const did = didKeyFromPublicKey(keyPair.publicKey);
  const vm = `${did}#${did.slice('did:key:'.length)}`;
  const cred = JSON.parse(readFileSync(new URL('../test/fixtures/example-achievement-credential-grade9-math.json', import.meta.url), 'utf8')) as Record<string, any>;
  cred['@context'] = (cred['@context'] as string[]).map((c) => (c.startsWith('https://learning-passport.example/') ? 'https://w3id.org/learning-passport/v1' : c));
  cred.issuer.id = did;
  const now = new Date('2025-01-15T00:00:00Z');
  const jwt = await signCredentialJwt(cred, { keyPair, kid: vm, now });
  await expect(verifyCredentialJwt(jwt, { now }), 'jwt');
  const joseKey = await importJWK(publicKeyToJwk(keyPair.publicKey) as unknown as Parameters<typeof importJWK>[0], 'EdDSA');
  const jose = () => jwtVerify(jwt, joseKey, { currentDate: now, algorithms: ['EdDSA'] });
  await jose();
  const joseWorld = await importJWK(publicKeyToJwk(world.issuer.keyPair.publicKey) as unknown as Parameters<typeof importJWK>[0], 'EdDSA');
  const joseWorldJwt = () => jwtVerify(world.good.jwt, joseWorld, { currentDate: ctx.now, algorithms: ['EdDSA'] });
  await joseWorldJwt();
  await expect(verifyFullRecordWithTrust(world.good.jwt, ctx), 'jwt with trust');

  const cases: [string, string, () => unknown, () => unknown, number][] = [
    ['seal from text (verifySeal), all checks', 'raw node:crypto Ed25519 verify (64 bytes)', () => verifySeal(world.good.seal, ctx), raw, 0.5],
    ['vc+jwt verify (verifyCredentialJwt, all checks)', 'jose jwtVerify alone (same key, same token)', () => verifyCredentialJwt(jwt, { now }), jose, 0.8],
    ['vc+jwt with trust bundle and status (verifyFullRecordWithTrust)', 'jose jwtVerify alone (same key, same token)', () => verifyFullRecordWithTrust(world.good.jwt, ctx), joseWorldJwt, 0],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, refName, subject, reference, goal] of cases) {
    const m = await measureCpuRatio(subject, reference, { rounds: opts.rounds ?? 7 });
    rows.push([
      name,
      refName,
      m.subjectCpuMs.toFixed(4),
      m.referenceCpuMs.toFixed(4),
      `${(m.ratio * 100).toFixed(0)} %`,
      goal > 0 ? `≥ ${goal * 100} % ${m.ratio >= goal ? 'met' : 'NOT met'}` : '(no goal)',
    ]);
  }
  return {
    title: 'CPU ms per operation, measured alternately in the same process (median of rounds); ratio = our rate as a share of the reference rate',
    headers: ['operation', 'reference', 'CPU ms each', 'reference CPU ms each', 'ratio', 'goal'],
    rows,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = await benchRatios();
  console.log(`${t.title}\n\n| ${t.headers.join(' | ')} |\n|${t.headers.map(() => '---').join('|')}|\n${t.rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
}
