// `npm run bench`: every benchmark section of the project, one markdown table each, same run.
// A section is a function returning rows; add yours to SECTIONS (keep each under a few seconds:
// the machines have 2 shared cores).
import { cpus } from 'node:os';
import { benchFullRecord } from './full-record.bench.ts';
import { benchSealSizes } from './seal.bench.ts';
import { benchQrDecode } from './qr.bench.ts';
import { benchVerify } from './verify.bench.ts';
import { benchWeb } from './web.bench.ts';
import { benchBulk } from './bulk.bench.ts';
import { benchBulk1m } from './bulk-1m.bench.ts';
import { benchRatios } from './ratio.bench.ts';
import type { Row } from './full-record.bench.ts';
import { benchServerLoad } from './server-load.bench.ts';
import { benchFirstLoad } from './first-load.bench.ts';
import { benchPages } from './pages.bench.ts';
import { benchCliStart } from './cli-start.bench.ts';

interface Table {
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

interface Section {
  title: string;
  run: () => Promise<Table>;
  /** Runs only when a word on the command line names it (it takes minutes). */
  optIn?: boolean;
}

function renderTable(t: Table): string {
  return [`| ${t.headers.join(' | ')} |`, `|${t.headers.map(() => '---').join('|')}|`, ...t.rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function fullRecordTable(rows: readonly Row[]): Table {
  return {
    title: '',
    headers: ['operation', 'ops/s', 'ms/op', 'note'],
    rows: rows.map((r) => [r.name, r.opsPerSec.toFixed(r.opsPerSec < 100 ? 1 : 0), r.msPerOp.toFixed(3), r.note ?? '']),
  };
}

const SECTIONS: Section[] = [
  { title: 'Full records (Grade 9 example): Data Integrity eddsa-rdfc-2022 and vc+jwt', run: async () => fullRecordTable(await benchFullRecord()) },
  { title: 'QR seal sizes', run: () => benchSealSizes() },
  { title: 'QR decode', run: () => benchQrDecode({ n: 10 }) },
  { title: 'Verification pipeline (@lp/verify) vs raw Ed25519', run: () => benchVerify() },
  { title: 'Verification ratios: seal vs raw Ed25519, vc+jwt vs jose jwtVerify (CPU time, same run)', run: () => benchRatios({ which: 'verification' }) },
  { title: 'Data Integrity ratios: sign and verify vs @digitalbazaar/vc (CPU time, same run)', run: () => benchRatios({ which: 'di' }) },
  { title: 'Web pages: verifier JS size and camera-to-verdict time', run: () => benchWeb() },
  { title: 'Bulk issuance: credentials/s end to end vs Data Integrity signing alone', run: () => benchBulk() },
  { title: 'bulk-1m: memory of lp issuer bulk on a 1,000,000-row CSV', run: () => benchBulk1m(), optIn: true },
  { title: 'Pages: first-visit bytes on the wire', run: () => benchFirstLoad() },
  { title: 'Pages on a cheap phone (CPU ×6, 50 KB/s + 400 ms): first paint, usable, bytes', run: () => benchPages() },
  { title: 'CLI start: lp --version and lp verify --help beside node -e', run: () => benchCliStart() },
  { title: 'Server liveness: /health and issuance while noise photos are verified', run: () => benchServerLoad() },
];

// `npm run bench -- [--json] [section words…]`: a word keeps the sections whose title contains it.
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => a !== '--json');
const header = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'cpu', at: new Date().toISOString() };
const results: { section: string; table?: Table; error?: string }[] = [];
if (!json) console.log(`# Learning Passport benchmarks\n\nNode ${header.node}, ${header.cpus} × ${header.cpu}, ${header.at}\n`);
for (const s of SECTIONS) {
  // An opt-in section runs only when a word is its own name (the title before ':'): `bulk` runs
  // the bulk section, not the minutes-long `bulk-1m` whose title also contains it.
  const named = s.optIn
    ? only.some((o) => s.title.split(':')[0]!.toLowerCase() === o.toLowerCase())
    : only.some((o) => s.title.toLowerCase().includes(o.toLowerCase()));
  if ((only.length > 0 || s.optIn) && !named) continue;
  if (!json) console.log(`## ${s.title}\n`);
  try {
    const t = await s.run();
    results.push({ section: s.title, table: t });
    if (!json) console.log(`${t.title ? `${t.title}\n\n` : ''}${renderTable(t)}\n`);
  } catch (err) {
    results.push({ section: s.title, error: (err as Error).message });
    if (!json) console.log(`(failed: ${(err as Error).message})\n`);
  }
}
if (json) console.log(JSON.stringify({ ...header, sections: results }, null, 2));
