// Verification rates of the whole pipeline (@lp/verify) against a trust bundle, beside raw
// node:crypto Ed25519 verify, in the same run: what a verifier does per scanned QR or record.
// Run alone: node --import tsx bench/verify.bench.ts
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { decodeQrFromFile, renderQrPng } from '@lp/qr/node';
import { verifyFullRecordWithTrust, verifySeal } from '../packages/verify/src/index.ts';
import { makeWorld } from '../packages/verify/test/lib/make-world.ts';
import { measureRate } from './lib/measure-rate.ts';

export interface BenchTable {
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

async function measure(fn: () => Promise<unknown> | unknown, minMs = 600): Promise<{ perSecond: number; msEach: number }> {
  const r = await measureRate(fn, { budgetMs: minMs, warmupMs: 100, warmupCpuMs: 500 });
  return { perSecond: r.opsPerSec, msEach: r.msPerOp };
}

export async function benchVerify(): Promise<BenchTable> {
  const world = await makeWorld();
  const ctx = world.ctx();
  const png = await renderQrPng(world.good.seal, { scale: 4 });
  const expectValid = async (p: Promise<{ verdict: string }>) => {
    const r = await p;
    if (r.verdict !== 'VALID') throw new Error(`bench input not VALID: ${r.verdict}`);
  };
  await expectValid(verifySeal(world.good.seal, ctx));
  await expectValid(verifyFullRecordWithTrust(world.good.di, ctx));
  await expectValid(verifyFullRecordWithTrust(world.good.jwt, ctx));

  // The same Ed25519 check the pipeline makes, on 64 bytes, straight through OpenSSL.
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(world.issuer.keyPair.publicKey)]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const msg = new Uint8Array(64).fill(1);
  const { sign } = await import('@lp/crypto');
  const sig = await sign(world.issuer.keyPair.secretKey, msg);

  const rows: [string, () => Promise<unknown> | unknown][] = [
    ['seal from text (verifySeal)', () => verifySeal(world.good.seal, ctx)],
    ['seal from PNG (decodeQrFromFile + verifySeal)', async () => verifySeal((await decodeQrFromFile(png)).text, ctx)],
    ['full record, Data Integrity (verifyFullRecordWithTrust)', () => verifyFullRecordWithTrust(world.good.di, ctx)],
    ['full record, vc+jwt (verifyFullRecordWithTrust)', () => verifyFullRecordWithTrust(world.good.jwt, ctx)],
    ['raw node:crypto Ed25519 verify (64 bytes)', () => nodeVerify(null, msg, key, sig)],
  ];
  const out: (string | number)[][] = [];
  for (const [name, fn] of rows) {
    const m = await measure(fn);
    out.push([name, Math.round(m.perSecond).toLocaleString('en'), m.msEach.toFixed(3)]);
  }
  return {
    title: 'Grade 9 example against a trust bundle with revocation and suspension snapshots (131,072 entries each), all checks, one core',
    headers: ['operation', 'per second', 'ms each'],
    rows: out,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = await benchVerify();
  console.log(`${t.title}\n\n| ${t.headers.join(' | ')} |\n|${t.headers.map(() => '---').join('|')}|\n${t.rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
}
