import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readPassphrase, UsageError, type CliIo } from '@lp/cli-kit';
import { decodeSeal } from '@lp/formats';
import {
  hasIssuerDb, IssuerError, issueRecognitionStatement, issuerDataDir, issuerDocumentLoader, openIssuerStore, resolvePublicUrl, unlockSigningKey,
} from '@lp/issuer';
import { ModelError, parseJsonText } from '@lp/model';
import { describeEvidence, summariseLearning } from '@lp/recognition';
import { terminalSafe } from '@lp/verifier';
import { loadRecognitionTrust } from './lib/load-recognition-trust.ts';
import { readFileBytes, verifyEvidenceFiles } from './lib/verify-evidence-files.ts';

export const ISSUE_HELP = `usage: lp recognise issue [DECISION.json] [--evidence FILE]… [flags] [--out DIR] [--json]

Records the school's placement decision as a recognition statement credential (Open Badges 3.0,
achievementType Assessment, with its QR seal and a one-time pick-up code for the learner's
wallet), signed by the issuer in LP_DATA_DIR (its key opened with LP_PASSPHRASE, else a prompt).
The decision is a JSON file (README "Recognition") and/or these flags, which add to it:
  --name N [--name-latin N] [--birth-date YYYY-MM-DD] [--learner-id DID]   the learner
  --country CC --grade N | --programme TEXT     the placement (the issuer's own country)
  --support SUBJECT (repeat)  --language-support LANG  subjects needing support; language of instruction
  --evidence FILE      (repeat for each) credentials considered (records, seal text, presentations), verified with
                       --trust/--anchor as lp verify does; each is recorded by id, digest, evidence
                       label and verdict (one that is not VALID is recorded as seen, never as completed)
  --document TEXT      (repeat) documents sighted
  --interview [--interview-date D] [--interview-language L (repeat)]
  --test "SUBJECT=RESULT"     (repeat) placement tests with their result
  --assessor "NAME[; ROLE]"   (repeat) one or two
  --date YYYY-MM-DD    the decision date (default today)   --valid-until YYYY-MM-DD (default +5 years)
  --note TEXT
  --trust FILE / --anchor DID   the trust bundle the evidence is verified with, as for lp verify
  --now TIME           as at this ISO 8601 time (signing and verifying; tests); default: now
  --out DIR            writes statement.json (the record) and statement.seal.txt
  --json               {id, assessmentOnly, validFrom, validUntil, seal, pickup, warnings}
With no document and no credential, the statement is assessment-only and says so.
Exit status: 0 issued, 2 usage, I/O or a refused decision (with its code).`;

const OPTIONS = {
  name: { type: 'string' }, 'name-latin': { type: 'string' }, 'birth-date': { type: 'string' }, 'learner-id': { type: 'string' },
  country: { type: 'string' }, grade: { type: 'string' }, programme: { type: 'string' },
  support: { type: 'string', multiple: true }, 'language-support': { type: 'string' },
  evidence: { type: 'string', multiple: true }, document: { type: 'string', multiple: true },
  interview: { type: 'boolean' }, 'interview-date': { type: 'string' }, 'interview-language': { type: 'string', multiple: true },
  test: { type: 'string', multiple: true }, assessor: { type: 'string', multiple: true },
  date: { type: 'string' }, 'valid-until': { type: 'string' }, note: { type: 'string' },
  trust: { type: 'string' }, anchor: { type: 'string', multiple: true }, now: { type: 'string' },
  out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

type Json = Record<string, any>;

/** `lp recognise issue`: the decision (file and flags) → checked, signed, stored, with its pick-up code. */
export async function runRecogniseIssue(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.stdout.write(ISSUE_HELP + '\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('give at most one decision file');
  const now = v.now === undefined ? new Date() : new Date(v.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${v.now} is not an ISO 8601 date-time`);

  const decision: Json = positionals[0] !== undefined ? readDecision(positionals[0], io) : {};
  applyFlags(decision, v);
  if (v.evidence?.length) {
    const loaded = await loadRecognitionTrust({ trust: v.trust, anchors: v.anchor ?? [], now }, io);
    const verified = await verifyEvidenceFiles(v.evidence, { bundle: loaded?.bundle, now }, io);
    const credentials = (decision.evidence.credentials ??= []) as unknown[];
    for (const r of verified) {
      if (r.input === undefined) throw new UsageError(`${r.file}: give the seal text (LP1:…) or the record as evidence, not a photo: its digest must name what was verified`);
      const item = summariseLearning({ results: [r.result], now }).items[0];
      const sealId = typeof r.input === 'string' && /^\s*LP1:/.test(r.input) ? sealCredentialId(r.input) : undefined;
      const described = describeEvidence(r.input, r.result, item, sealId);
      if (!described) throw new UsageError(`${r.file}: no credential id could be read (verdict ${r.result.verdict})`);
      credentials.push(described);
    }
  }

  const dir = issuerDataDir(io.env, io.cwd);
  if (!hasIssuerDb(dir)) throw new IssuerError('NO_ISSUER', `no issuer in ${dir}: run lp issuer init --kind school first`);
  const store = await openIssuerStore(dir);
  try {
    const signer = await unlockSigningKey(store, await readPassphrase(io));
    const fallback = io.env.LP_PUBLIC_URL && io.env.LP_PUBLIC_URL.trim() !== '' ? io.env.LP_PUBLIC_URL : `http://localhost:${io.env.PORT || '8080'}`;
    const baseUrl = await resolvePublicUrl(store, { envUrl: io.env.LP_PUBLIC_URL, fallback, now, actor: 'cli' });
    const s = await issueRecognitionStatement(
      { store, signer, clock: () => now, random: (n) => new Uint8Array(randomBytes(n)), baseUrl, documentLoader: await issuerDocumentLoader(store) },
      { decision, actor: 'cli' },
    );
    if (v.out !== undefined) {
      const out = resolve(io.cwd, v.out);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'statement.json'), JSON.stringify(s.credential, null, 2) + '\n');
      if (s.seal) writeFileSync(join(out, 'statement.seal.txt'), s.seal + '\n');
    }
    for (const w of s.warnings) io.stderr.write(`lp recognise: warning ${w.code}: ${w.message}\n`);
    if (v.json) {
      io.stdout.write(JSON.stringify({ id: s.id, assessmentOnly: s.assessmentOnly, validFrom: s.validFrom, validUntil: s.validUntil, seal: s.seal, pickup: s.pickup, warnings: s.warnings }) + '\n');
    } else {
      io.stdout.write([
        `Issued ${terminalSafe(String(s.credential.name))}${s.assessmentOnly ? ' — assessment only (no documents)' : ''}`,
        `  id ${s.id}, valid ${s.validFrom.slice(0, 10)} to ${s.validUntil.slice(0, 10)}`,
        ...(s.pickup ? [`  pick-up code ${s.pickup.code}${s.pickup.url ? ` — ${s.pickup.url}` : ''} (once, until ${s.pickup.expiresAt.slice(0, 10)})`] : []),
        '  An assessment, not a diploma: the learner carries it so that the next school need not assess again.',
      ].join('\n') + '\n');
    }
    return 0;
  } finally {
    await store.close();
  }
}

function readDecision(file: string, io: CliIo): Json {
  const text = new TextDecoder().decode(readFileBytes(file, io)).replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    // @lp/model's reader refuses a key written twice: the decision signed is the one the school read.
    value = parseJsonText(text);
  } catch (err) {
    const detail = err instanceof ModelError ? `${err.code}: ${err.message}` : (err as Error).message;
    throw new IssuerError('DECISION_INVALID', `the decision file ${file} is not JSON (${detail})`, '$');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new IssuerError('DECISION_INVALID', `the decision file ${file} must hold one JSON object`, '$');
  return value as Json;
}

/** Flags add to the decision file; the schema (in the issuer) judges the result, with paths. */
function applyFlags(d: Json, v: Record<string, string | string[] | boolean | undefined>): void {
  const str = (k: string) => v[k] as string | undefined;
  const list = (k: string) => (v[k] as string[] | undefined) ?? [];
  const learner = (d.learner ??= {}) as Json;
  if (str('name') !== undefined) learner.name = str('name');
  if (str('name-latin') !== undefined) learner.nameLatin = str('name-latin');
  if (str('birth-date') !== undefined) learner.dateOfBirth = str('birth-date');
  if (str('learner-id') !== undefined) learner.id = str('learner-id');
  const placement = (d.placement ??= {}) as Json;
  if (str('country') !== undefined) placement.country = str('country');
  if (str('grade') !== undefined) {
    if (!/^\d{1,2}$/.test(str('grade')!)) throw new UsageError(`--grade ${str('grade')} is not a grade number`);
    placement.grade = Number(str('grade'));
  }
  if (str('programme') !== undefined) placement.programme = str('programme');
  if (list('support').length || str('language-support') !== undefined) {
    const support = (d.support ??= {}) as Json;
    if (list('support').length) support.subjects = [...(support.subjects ?? []), ...list('support')];
    if (str('language-support') !== undefined) support.languageOfInstruction = str('language-support');
  }
  const evidence = (d.evidence ??= {}) as Json;
  if (list('document').length) evidence.documents = [...(evidence.documents ?? []), ...list('document').map((name) => ({ name }))];
  if (v.interview || str('interview-date') !== undefined || list('interview-language').length) {
    evidence.interview = {
      ...(evidence.interview ?? {}),
      ...(str('interview-date') !== undefined ? { date: str('interview-date') } : {}),
      ...(list('interview-language').length ? { languages: list('interview-language') } : {}),
    };
  }
  if (list('test').length) {
    evidence.placementTests = [...(evidence.placementTests ?? []), ...list('test').map((t) => {
      const i = t.indexOf('=');
      if (i <= 0 || i === t.length - 1) throw new UsageError(`--test "${t}": write SUBJECT=RESULT, e.g. "Mathematics=11/20"`);
      return { subject: t.slice(0, i).trim(), result: t.slice(i + 1).trim() };
    })];
  }
  if (list('assessor').length) {
    d.assessors = [...(d.assessors ?? []), ...list('assessor').map((a) => {
      const [name, role] = a.split(';').map((x) => x.trim());
      return { name, ...(role ? { role } : {}) };
    })];
  }
  d.assessors ??= [];
  if (str('date') !== undefined) d.date = str('date');
  if (str('valid-until') !== undefined) d.validUntil = str('valid-until');
  if (str('note') !== undefined) d.note = str('note');
}

function sealCredentialId(text: string): string | undefined {
  try {
    return decodeSeal(text.trim()).claims.credentialId;
  } catch {
    return undefined;
  }
}
