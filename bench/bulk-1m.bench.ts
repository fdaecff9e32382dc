// `npm run bench -- bulk-1m`: memory of `lp issuer bulk` on a 1,000,000-row results CSV (500,000
// learners × 2 subjects, ~75 MB), measured as the peak resident set (VmHWM, every thread of the
// process) of the real CLI process: the checking pass over every row (--dry-run), then a real run
// stopped (SIGKILL, as an operator's crash would) after `issueSeconds` of issuing. Issuing all
// rows takes hours at today's signing speed, and memory while issuing does not grow with the
// position in the file (rows are streamed and batched), so a slice of the run measures it.
// Not in the default `npm run bench` (it takes minutes): name it.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const LP = fileURLToPath(new URL('../cli/bin/lp.js', import.meta.url));
const CATALOGUE = fileURLToPath(new URL('../issuer/test/fixtures/catalogue.json', import.meta.url));

function lp(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LP, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function peakRssMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function writeCsv(file: string, learners: number): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('candidate_number,name,name_latin,date_of_birth,achievement_code,result\n');
  let chunk = '';
  for (let i = 0; i < learners; i++) {
    const c = `N-${String(i).padStart(7, '0')}`;
    const who = `${c},ليلى أحمد ${i},Layla Ahmad ${i},20${10 + (i % 3)}-0${1 + (i % 9)}-1${i % 10}`;
    chunk += `${who},BECE-MATH,${i % 601}\n${who},BECE-ARAB,${'ABCDEF'[i % 6]}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((r) => out.end(() => r()));
  return learners * 2;
}

/** Runs the CLI, sampling its peak RSS; `stopWhen` may end it early (SIGKILL) and say why. */
async function watch(args: string[], cwd: string, env: Record<string, string>, stopWhen?: (elapsed: number) => boolean): Promise<{ peakMb: number; seconds: number; code: number | null; stdout: string; killed: boolean }> {
  const child = spawn(process.execPath, [LP, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.resume();
  let peakMb = 0;
  let killed = false;
  const t0 = performance.now();
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let alive = true;
  void exited.then(() => (alive = false));
  while (alive) {
    peakMb = Math.max(peakMb, peakRssMb(child.pid!) ?? 0);
    if (!killed && stopWhen?.((performance.now() - t0) / 1000)) {
      killed = true;
      child.kill('SIGKILL');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { peakMb, seconds: (performance.now() - t0) / 1000, code: await exited, stdout, killed };
}

export async function benchBulk1m(opts: { learners?: number; issueSeconds?: number; dryRun?: boolean } = {}): Promise<{ title: string; headers: string[]; rows: (string | number)[][] }> {
  const learners = opts.learners ?? 500_000;
  const issueSeconds = opts.issueSeconds ?? 90;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-bench-1m-'));
  const env = { LP_DATA_DIR: path.join(dir, 'data'), LP_PASSPHRASE: 'bench passphrase', LP_PUBLIC_URL: 'https://exams.example' };
  try {
    const init = await lp(['issuer', 'init', '--name', 'Bench Examinations Board', '--country', 'JO', '--json'], dir, env);
    if (init.code !== 0) throw new Error(`lp issuer init: ${init.stderr}`);
    const add = await lp(['issuer', 'achievement', 'add', CATALOGUE], dir, env);
    if (add.code !== 0) throw new Error(`lp issuer achievement add: ${add.stderr}`);
    const csv = path.join(dir, 'results.csv');
    const rows = await writeCsv(csv, learners);
    const mb = fs.statSync(csv).size / 1024 / 1024;

    const db = path.join(dir, 'data', 'issuer.sqlite');
    let issuingSince: number | undefined;
    const count = (): number => {
      try {
        const d = new Database(db, { readonly: true, fileMustExist: true });
        try {
          return (d.prepare('SELECT count(*) AS n FROM credentials').get() as { n: number }).n;
        } finally {
          d.close();
        }
      } catch {
        return 0;
      }
    };
    const issue = await watch(['issuer', 'bulk', 'results.csv', '--session', '2026-06', '--json'], dir, env, (elapsed) => {
      if (issuingSince === undefined && count() > 0) issuingSince = elapsed;
      return issuingSince !== undefined && elapsed - issuingSince >= issueSeconds;
    });
    const issued = count();
    const check = opts.dryRun === false ? undefined : await watch(['issuer', 'bulk', 'results.csv', '--session', '2026-06', '--dry-run', '--json'], dir, env);
    const checked = JSON.parse(check?.stdout || '{}') as { ok?: boolean; rows?: number };
    if (check && (check.code !== 0 || checked.rows !== rows)) throw new Error(`dry run: exit ${check?.code}, ${check?.stdout.slice(0, 300)}`);

    const issuingFor = issue.seconds - (issuingSince ?? issue.seconds);
    return {
      title: `lp issuer bulk on ${rows.toLocaleString('en-US')} rows (${mb.toFixed(0)} MB CSV, ${learners.toLocaleString('en-US')} learners × 2); peak RSS of the CLI process, all threads (VmHWM); load ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
      headers: ['operation', 'peak RSS MB', 'seconds', 'rows/s', 'note'],
      rows: [
        ...(check ? [['bulk-1m: check every row (--dry-run)', Math.round(check.peakMb), check.seconds.toFixed(1), Math.round(rows / check.seconds), 'one streamed pass, every check; each row also looked up in the store (already issued?)']] : []),
        [
          'bulk-1m: check, then issue (stopped by SIGKILL)', Math.round(issue.peakMb), issue.seconds.toFixed(1), issuingFor > 0 ? Math.round(issued / issuingFor) : 0,
          `checking pass over all rows (first credential stored after ${(issuingSince ?? 0).toFixed(0)} s: key unlock, thread start, checking), then ${issued.toLocaleString('en-US')} credentials issued in ${issuingFor.toFixed(0)} s before the kill`,
        ],
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = await benchBulk1m({ learners: Number(process.argv[2] ?? 500_000), issueSeconds: Number(process.argv[3] ?? 90), dryRun: process.argv[4] !== 'no-dry-run' });
  console.log(`${t.title}\n\n| ${t.headers.join(' | ')} |\n|${t.headers.map(() => '---').join('|')}|\n${t.rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
}
