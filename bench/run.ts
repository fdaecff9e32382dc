// `npm run bench`: every benchmark section of the project, one markdown table each, same run.
// A section is a function returning rows; add yours to SECTIONS (keep each under a few seconds:
// the machines have 2 shared cores).
import { cpus } from 'node:os';
import { benchFullRecord, renderRows } from './full-record.bench.ts';
import { benchSealSizes } from './seal.bench.ts';
import { benchQrDecode } from './qr.bench.ts';
import { benchVerify } from './verify.bench.ts';
import { benchWeb } from './web.bench.ts';
import { benchBulk } from './bulk.bench.ts';
import { benchServerLoad } from './server-load.bench.ts';
import { benchFirstLoad } from './first-load.bench.ts';

interface Table {
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

interface Section {
  title: string;
  run: () => Promise<string>;
}

function renderTable(t: Table): string {
  return [`| ${t.headers.join(' | ')} |`, `|${t.headers.map(() => '---').join('|')}|`, ...t.rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

const SECTIONS: Section[] = [
  { title: 'Full records (Grade 9 example): Data Integrity eddsa-rdfc-2022 and vc+jwt', run: async () => renderRows(await benchFullRecord()) },
  { title: 'QR seal sizes', run: async () => { const t = await benchSealSizes(); return `${t.title}\n\n${renderTable(t)}`; } },
  { title: 'QR decode', run: async () => { const t = await benchQrDecode({ n: 10 }); return `${t.title}\n\n${renderTable(t)}`; } },
  { title: 'Verification pipeline (@lp/verify) vs raw Ed25519', run: async () => { const t = await benchVerify(); return `${t.title}\n\n${renderTable(t)}`; } },
  { title: 'Web pages: verifier JS size and camera-to-verdict time', run: async () => { const t = await benchWeb(); return `${t.title}\n\n${renderTable(t)}`; } },
  { title: 'Bulk issuance: credentials/s end to end vs Data Integrity signing alone', run: async () => { const t = await benchBulk(); return `${t.title}\n\n${renderTable(t)}`; } },
  { title: 'Pages: first-visit bytes on the wire', run: async () => { const t = await benchFirstLoad(); return `${t.title}\n\n${renderTable(t)}`; } },
  { title: 'Server liveness: /health and issuance while noise photos are verified', run: async () => { const t = await benchServerLoad(); return `${t.title}\n\n${renderTable(t)}`; } },
];

const only = process.argv.slice(2);
console.log(`# Learning Passport benchmarks\n\nNode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString()}\n`);
for (const s of SECTIONS) {
  if (only.length > 0 && !only.some((o) => s.title.toLowerCase().includes(o.toLowerCase()))) continue;
  console.log(`## ${s.title}\n`);
  try {
    console.log(`${await s.run()}\n`);
  } catch (err) {
    console.log(`(failed: ${(err as Error).message})\n`);
  }
}
