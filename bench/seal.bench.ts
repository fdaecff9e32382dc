// QR seal sizes and speed: base45 characters and QR version at M for the Grade 9 seal and the
// 9-subject transcript seal, and encode / decode / decode+verify operations per second.
// Run alone: node --import tsx bench/seal.bench.ts
import { verify } from '@lp/crypto';
import { createSealClaims, decodeSeal, encodeSeal, sealQrVersion, verifySealSignature } from '@lp/formats';
import type { SealClaims } from '@lp/formats';
import { measureRate } from './lib/measure-rate.ts';
import {
  GRADE9_CATALOGUE,
  KEY_ID,
  KID,
  TRANSCRIPT_CATALOGUE,
  grade9,
  testKey,
  transcript9,
} from '../packages/formats/test/seal-fixtures.ts';

export interface BenchTable {
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

async function opsPerSecond(fn: () => unknown, minMs = 500): Promise<number> {
  return Math.round((await measureRate(fn, { budgetMs: minMs, warmupMs: 100 })).opsPerSec);
}

export async function benchSealSizes(): Promise<BenchTable> {
  const key = await testKey();
  const cases: [string, SealClaims][] = [
    ['Grade 9 result, catalogue code', createSealClaims(grade9(), GRADE9_CATALOGUE, { keyId: KEY_ID })],
    ['Grade 9 result, id + ar/en name', createSealClaims(grade9(), [], { keyId: KEY_ID })],
    ['9-subject transcript, catalogue codes', createSealClaims(transcript9(), TRANSCRIPT_CATALOGUE, { keyId: KEY_ID })],
  ];
  const rows: (string | number)[][] = [];
  for (const [label, claims] of cases) {
    const opts = { sign: key.signer, kid: KID };
    const text = await encodeSeal(claims, opts);
    rows.push([
      label,
      text.length,
      sealQrVersion(text, 'M') ?? '>40',
      await opsPerSecond(() => encodeSeal(claims, opts)),
      await opsPerSecond(() => decodeSeal(text)),
      await opsPerSecond(() => verifySealSignature(decodeSeal(text), key.publicKey, verify)),
    ]);
  }
  const table: BenchTable = {
    title: 'QR seal (LP1:, COSE_Sign1 EdDSA, zlib, base45)',
    headers: ['seal', 'base45 chars', 'QR version (M)', 'encode ops/s', 'decode ops/s', 'decode+verify ops/s'],
    rows,
  };
  return table;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = await benchSealSizes();
  console.log(t.title);
  console.table(t.rows.map((r) => Object.fromEntries(t.headers.map((h, i) => [h, r[i]]))));
}
