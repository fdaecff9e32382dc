// `lp recognise issue` end to end, every step the real `lp` (its main(), in this process: spawning
// costs seconds a command on a shared CI machine): a school made with
// `lp issuer init --kind school` records an assessment-only placement from flags, then a decision
// file that cites that statement as verified evidence; another school's `lp recognise summary`
// shows both as placements, labelled assessment-based recognition; bad decisions exit 2 with
// their code and issue nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../cli/src/main.ts';
import { tempDir } from '../issuer/test/issuer-helpers.ts';

/** `lp ARGS` through the CLI's own entry, with its streams captured and the environment given. */
async function lp(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough(), stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.out.push(c));
  stderr.on('data', (c: Buffer) => chunks.err.push(c));
  const code = await main(args, { stdout, stderr, stdin: new PassThrough(), env: { PATH: process.env.PATH ?? '', ...opts.env }, cwd: opts.cwd });
  return { code, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
}

const PASS = 'school passphrase';
const NOW = new Date(Date.now() + 60_000);
const today = NOW.toISOString().slice(0, 10);
const inFiveYears = `${NOW.getUTCFullYear() + 5}${today.slice(4)}`;

describe('lp recognise issue', () => {
  const tmp = tempDir('lp-recognise-issue-');
  const file = (name: string, content: string | object) => fs.writeFileSync(path.join(tmp.dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  const env = { LP_DATA_DIR: 'school-data', LP_PASSPHRASE: PASS };
  // The school's clock is given, as the verifying school's is: the statement is signed at NOW.
  const issue = (args: string[]) => lp(['recognise', 'issue', ...args, '--now', NOW.toISOString()], { cwd: tmp.dir, env });
  let trust: string[] = [];

  beforeAll(async () => {
    const init = await lp(['issuer', 'init', '--name', 'Al-Nour Basic School', '--name-ar', 'مدرسة النور الأساسية', '--country', 'JO', '--kind', 'school'], { cwd: tmp.dir, env });
    expect(init.code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('an assessment-only statement from flags: record, seal and a pick-up code', async () => {
    const r = await issue(['--name', 'Nur Begum', '--country', 'JO', '--grade', '4', '--interview', '--interview-language', 'rhg', '--test', 'Mathematics=9/20',
      '--assessor', 'Rana Khalil; Head of admissions', '--support', 'Arabic reading', '--out', 'first', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; assessmentOnly: boolean; validUntil: string; seal: string; pickup: { code: string } };
    expect(out.assessmentOnly).toBe(true);
    expect(out.validUntil).toBe(`${inFiveYears}T23:59:59Z`);
    expect(out.pickup.code).toMatch(/^[0-9A-Z]{4}-/);
    expect(fs.readFileSync(path.join(tmp.dir, 'first', 'statement.seal.txt'), 'utf8').trim()).toBe(out.seal);
    const record = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'first', 'statement.json'), 'utf8')) as { id: string; credentialSubject: { achievement: { humanCode: string } } };
    expect([record.id, record.credentialSubject.achievement.humanCode]).toEqual([out.id, 'RECOGNITION-PLACEMENT-ASSESSMENT-ONLY']);

    // The trust bundle another school loads: this school's fragment (its kind and the statement entries) under an anchor.
    expect((await lp(['issuer', 'export-trust', '--out', 'fragment.json'], { cwd: tmp.dir, env })).code).toBe(0);
    const fragment = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'fragment.json'), 'utf8')) as { kind: string; catalogue: { achievements: { code: string }[] } };
    expect(fragment.kind).toBe('school');
    expect(fragment.catalogue.achievements.map((e) => e.code)).toEqual(['RECOGNITION-PLACEMENT', 'RECOGNITION-PLACEMENT-ASSESSMENT-ONLY']);
    const anchor = await lp(['trust', 'init-anchor', '--out', 'anchor-key.json'], { cwd: tmp.dir, env: { LP_PASSPHRASE: 'anchor pass' } });
    const anchorDid = anchor.stdout.trim().split('\n').at(-1)!;
    const built = await lp(['trust', 'build', '--anchor', 'anchor-key.json', '--add', 'fragment.json', '--sequence', '1', '--expires', '2099-01-01', '--out', 'bundle.json'], { cwd: tmp.dir, env: { LP_PASSPHRASE: 'anchor pass' } });
    expect(built.code).toBe(0);
    trust = ['--trust', 'bundle.json', '--anchor', anchorDid, '--now', NOW.toISOString()];
  });

  it('a decision file citing the earlier statement as verified evidence; another school sees both placements', async () => {
    file('decision.json', {
      learner: { name: 'Nur Begum' }, placement: { country: 'JO', grade: 5 },
      evidence: { documents: [{ name: 'Learning Passport page from the camp school' }] },
      assessors: [{ name: 'Omar Saleh', role: 'Teacher' }], note: 'Progressed well in one term.',
    });
    const r = await issue(['decision.json', '--evidence', 'first/statement.json', ...trust.slice(0, 4), '--out', 'second']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Issued Recognition statement: placement in Grade 5, Jordan\n');
    const second = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'second', 'statement.json'), 'utf8')) as { evidence: { genre: string; description?: string }[] };
    expect(second.evidence[0]).toMatchObject({ genre: 'Credential', description: 'assessment-based recognition; verdict when considered: VALID' });

    const summary = await lp(['recognise', 'summary', 'first/statement.seal.txt', 'second/statement.json', ...trust], { cwd: tmp.dir, env: {} });
    expect(summary.stderr).toBe('');
    expect(summary.stdout).toContain(`VALID         assessment-based recognition  NOT COUNTED: PLACEMENT_NOT_COMPLETION`);
    expect(summary.stdout).toContain(`placed in Grade 4 in Jordan on ${today}, valid until ${inFiveYears} (assessment only): an assessment, not a completed grade`);
    expect(summary.stdout).toContain(`Placement decided: placed in Grade 5 in Jordan on ${today}, valid until ${inFiveYears}`);
    expect(summary.stdout).toContain('Highest completed: none counted');
  });

  it.each([
    ['a decision file that is not JSON', 'DECISION_INVALID', ['broken.json']],
    ['no assessor', 'ASSESSOR_MISSING', ['--name', 'A', '--country', 'JO', '--grade', '3', '--interview']],
    ['an unknown country', 'COUNTRY_UNKNOWN', ['--name', 'A', '--country', 'QQ', '--grade', '3', '--interview', '--assessor', 'R']],
    ['a validity in the past', 'VALIDITY_IN_PAST', ['--name', 'A', '--country', 'JO', '--grade', '3', '--interview', '--assessor', 'R', '--valid-until', '2020-01-01']],
    ['three assessors', 'ASSESSORS_TOO_MANY', ['--name', 'A', '--country', 'JO', '--grade', '3', '--interview', '--assessor', 'R', '--assessor', 'S', '--assessor', 'T']],
  ])('%s → exit 2 with %s', async (_label, code, args) => {
    file('broken.json', '{"learner": {"name": "A"},');
    const r = await issue(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`lp recognise: ${code}: `);
    expect(r.stdout).toBe('');
  });
});
