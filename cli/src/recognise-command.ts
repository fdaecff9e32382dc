import { parseArgs } from 'node:util';
import { UsageError, type CliIo } from '@lp/cli-kit';
import {
  catalogueLookupFromBundle, parsePlacementPolicy, parsePlacementPolicyCsv, RecognitionError, splitEvidence, suggestPlacement, summariseLearning,
  type LearnerSummary, type PlacementSuggestion, type SelfDeclaredItem,
} from '@lp/recognition';
import { resultToJson, terminalSafe } from '@lp/verifier';
import { loadRecognitionTrust } from './lib/load-recognition-trust.ts';
import { readFileBytes, verifyEvidenceFiles } from './lib/verify-evidence-files.ts';

const HELP = `usage: lp recognise summary FILE… [--trust BUNDLE.json --anchor DID] [--self-declared ITEMS.json] [--json]
       lp recognise suggest FILE… --host CC --birth-date YYYY-MM-DD [--policy POLICY.json] [--trust … --anchor …] [--json]
       lp recognise issue [DECISION.json] [--evidence FILE…] [flags]   (lp recognise issue --help)

Recognition of prior learning (advice for the school, never a decision). Each FILE is verified
offline with the same pipeline as lp verify — a full record (JSON or vc+jwt), a seal (LP1: text,
several seals one per line, or a PNG/JPEG photo of one) or a presentation (each of its
credentials) — then one timeline is shown: country, issuer, ISCED level and field, result on its
scale and as a share, evidence label, the highest level completed and the gaps in schooling. A
record that is not VALID is shown and labelled but never counted. Without a trust bundle nothing
is VALID (the issuer is not established), so nothing counts.
  summary              the learner summary
  suggest              the summary and a suggested grade in the host country with its reasons
  --host CC            the host country, ISO 3166-1 alpha-2 or alpha-3 (suggest)
  --birth-date DATE    the learner's date of birth, YYYY-MM-DD (suggest)
  --policy FILE        the ministry's or school's placement policy (JSON; any subset of the keys
                       of packages/recognition/data/default-policy.json), or FILE.csv with
                       the header key,value and one row per key (countries.CC.schoolYearStartMonth)
  --self-declared FILE learning the school typed in, a JSON array of {country, grade | iscedLevel,
                       date?, school?, achievement?, iscedField?, note?}; labelled self-declared
  --trust FILE / --anchor DID   the trust bundle and its pinned anchor(s), as for lp verify
  --now TIME           as at this ISO 8601 time (audits, tests); default: now
  --json               {records: [{file, verdict, …}], summary, suggestion?}
Exit status: 0 done (whatever the verdicts), 2 usage, I/O or bad input (with its code).`;

interface Args {
  command: 'summary' | 'suggest';
  files: string[];
  host?: string;
  birthDate?: string;
  policy?: string;
  selfDeclared?: string;
  trust?: string;
  anchors: string[];
  now?: Date;
  json: boolean;
}

function parse(argv: string[]): Args | 'help' {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return 'help';
  if (command !== 'summary' && command !== 'suggest') throw new UsageError(`unknown command "${command}": use summary, suggest or issue`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        host: { type: 'string' }, 'birth-date': { type: 'string' }, policy: { type: 'string' }, 'self-declared': { type: 'string' },
        trust: { type: 'string' }, anchor: { type: 'string', multiple: true }, now: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return 'help';
  if (positionals.length === 0 && v['self-declared'] === undefined) throw new UsageError(`${command} needs at least one FILE (or --self-declared)`);
  if (command === 'suggest' && (v.host === undefined || v['birth-date'] === undefined)) throw new UsageError('suggest needs --host CC and --birth-date YYYY-MM-DD');
  const now = v.now === undefined ? undefined : new Date(v.now);
  if (now && (Number.isNaN(now.getTime()) || !/^\d{4}-\d\d-\d\dT/.test(v.now!))) throw new UsageError(`--now ${v.now} is not an ISO 8601 date-time`);
  return {
    command, files: positionals, anchors: v.anchor ?? [], json: v.json === true,
    ...(v.host !== undefined ? { host: v.host } : {}),
    ...(v['birth-date'] !== undefined ? { birthDate: v['birth-date'] } : {}),
    ...(v.policy !== undefined ? { policy: v.policy } : {}),
    ...(v['self-declared'] !== undefined ? { selfDeclared: v['self-declared'] } : {}),
    ...(v.trust !== undefined ? { trust: v.trust } : {}),
    ...(now ? { now } : {}),
  };
}

/** `lp recognise`: verify every file, then summarise (and suggest); coded errors exit 2 through `lp`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'issue') return (await import('./recognise-issue.ts')).runRecogniseIssue(argv.slice(1), io);
  const args = parse(argv);
  if (args === 'help') {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  const now = args.now ?? new Date();
  // Bad input from the school is refused before any verification work.
  const policy = args.policy === undefined ? undefined
    : /\.csv$/i.test(args.policy) ? parsePlacementPolicyCsv(readText(args.policy, io)) : parsePlacementPolicy(readText(args.policy, io));
  const selfDeclared = args.selfDeclared === undefined ? undefined : parseSelfDeclared(readText(args.selfDeclared, io));
  // Host and birth date too: a suggestion over no records checks them (COUNTRY_UNKNOWN,
  // BIRTH_DATE_IN_FUTURE…) before a single record is verified.
  if (args.command === 'suggest') suggestPlacement({ summary: summariseLearning({ results: [], now }), birthDate: args.birthDate!, host: args.host!, now, ...(policy ? { policy } : {}) });

  const loaded = await loadRecognitionTrust({ trust: args.trust, anchors: args.anchors, now }, io);
  const ctx = { bundle: loaded?.bundle, now };

  const records = await verifyEvidenceFiles(args.files, ctx, io);
  const summary = summariseLearning({
    results: records.map((r) => r.result), now, catalogue: catalogueLookupFromBundle(loaded?.bundle?.bundle),
    ...(selfDeclared ? { selfDeclared } : {}), ...(policy ? { policy } : {}),
  });
  const suggestion = args.command === 'suggest'
    ? suggestPlacement({ summary, birthDate: args.birthDate!, host: args.host!, now, ...(policy ? { policy } : {}) })
    : undefined;
  if (args.json) {
    const out = { records: records.map((r) => ({ file: r.file, ...resultToJson(r.result) })), summary, ...(suggestion ? { suggestion } : {}) };
    io.stdout.write(JSON.stringify(out) + '\n');
  } else io.stdout.write(renderSummary(summary) + (suggestion ? renderSuggestion(suggestion) : ''));
  return 0;
}

function parseSelfDeclared(text: string): SelfDeclaredItem[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new RecognitionError('INPUT_INVALID', `the self-declared file is not JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(value)) throw new RecognitionError('INPUT_INVALID', 'the self-declared file must hold a JSON array of items');
  // Each item is checked by summariseLearning with its schema and its position.
  return value as SelfDeclaredItem[];
}

function readText(file: string, io: CliIo): string {
  return new TextDecoder().decode(readFileBytes(file, io));
}

const LABELS: Record<string, string> = {
  'national-examination-body': 'national examination body',
  'accredited-school': 'accredited school',
  'ngo-programme': 'non-formal / accelerated programme (NGO)',
  'assessment-based': 'assessment-based recognition',
  'self-declared': 'self-declared',
  'issuer-not-listed': 'issuer not in the trust bundle',
};
const LEVEL_NAMES = ['early childhood', 'primary', 'lower secondary', 'upper secondary'];

/** The timeline as a school reads it; credential text is escaped for the terminal. */
function renderSummary(s: LearnerSummary): string {
  const safe = (x: string | undefined) => (x === undefined ? '—' : terminalSafe(x));
  const lines = [`Learner summary (as of ${s.now.slice(0, 10)})`];
  // Before the timeline, where a school cannot miss it: records of another child change a placement.
  for (const w of s.warnings) {
    const who = (l: LearnerSummary['warnings'][number]['learners'][number]) =>
      `${safe(l.name ?? l.nameLatin)}${l.nameLatin && l.name && l.nameLatin !== l.name ? ` (${safe(l.nameLatin)})` : ''}${l.birthDate ? `, born ${l.birthDate}` : ''} — record${l.items.length > 1 ? 's' : ''} ${l.items.map((i) => i + 1).join(', ')}`;
    lines.push(`WARNING ${w.code}: the records name different learners (${w.differ.map((d) => (d === 'name' ? 'name' : 'birth date')).join(' and ')} differ); remove those that are not this learner's:`);
    for (const l of w.learners) lines.push(`  - ${who(l)}`);
  }
  s.items.forEach((it, i) => {
    const verdict = it.source === 'self-declared' ? 'SELF-DECLARED' : it.verdict!;
    const counted = it.counted ? '' : `  NOT COUNTED: ${it.notCounted}`;
    lines.push(`${String(i + 1).padStart(2)}. ${it.date?.slice(0, 10) ?? 'undated   '}  ${verdict.padEnd(13)} ${LABELS[it.evidence]}${counted}`);
    lines.push(`    ${safe(it.country?.name)} · ${safe(it.issuer.name ?? it.issuer.id)} · ${safe(it.achievement.name ?? it.achievement.code)}`);
    const level = it.position ? `Grade ${it.position.grade} (ISCED ${it.position.level}, ${LEVEL_NAMES[it.position.level]}${it.position.levelCompleted ? ', level completed' : ''})` : `ISCED ${safe(it.isced.levelCode)}`;
    const field = it.isced.fieldLabel ? ` · ${it.isced.fieldLabel}` : '';
    const result = it.result ? ` · result ${safe(it.result.value)}${it.result.scale?.min !== undefined ? ` on ${safe(it.result.scale.min)}–${safe(it.result.scale.max)}` : ''}${it.result.share !== undefined ? ` (${Math.round(it.result.share * 100)} %)` : ''}` : '';
    lines.push(`    ${level}${field}${result}`);
    const p = it.placement;
    if (p) lines.push(`    ${terminalSafe(p.text)}${p.assessmentOnly ? ' (assessment only)' : ''}${p.expired ? ' — EXPIRED' : ''}: an assessment, not a completed grade`);
    if (it.nationalGrades) lines.push(`    stands for Grade${it.nationalGrades.from === it.nationalGrades.to ? ` ${it.nationalGrades.from}` : `s ${it.nationalGrades.from}–${it.nationalGrades.to}`} (${it.nationalGrades.country})${it.notionalHours !== undefined ? ` · ${it.notionalHours} notional learning hours` : ''}`);
    if (it.partial) lines.push(`    ${it.partial.monthsCompleted}${it.partial.monthsInGrade !== undefined ? ` of ${it.partial.monthsInGrade}` : ''} months of the grade completed: the grade is not completed`);
    if (it.partialTerms) lines.push(`    ${it.partialTerms.termsCompleted}${it.partialTerms.termsInGrade !== undefined ? ` of ${it.partialTerms.termsInGrade}` : ''} terms of the grade completed: the grade is not completed`);
    for (const c of it.competencies ?? []) lines.push(`    competency ${safe(c.name)}: ${safe(c.level)}${c.levels ? ` (of ${c.levels.map(safe).join(' < ')})` : ''}`);
  });
  const h = s.highestCompleted;
  lines.push(h ? `Highest completed: Grade ${h.grade} in ${h.country.name} (ISCED ${h.level}, ${LEVEL_NAMES[h.level]}${h.levelCompleted ? ', level completed' : `, year ${h.yearInLevel} of ${h.levelYears}`}), ${LABELS[h.evidence]}` : 'Highest completed: none counted');
  for (const p of s.placements) lines.push(`Placement decided: ${terminalSafe(p.text)} (record ${p.item + 1}, assessment-based recognition)`);
  for (const g of s.gaps.between) lines.push(`Gap: ${g.months} months between records ${g.from + 1} and ${g.to + 1}${g.interruption ? ' (interruption)' : ''}`);
  if (s.gaps.monthsSinceLastRecord !== undefined) lines.push(`Since the last record: ${s.gaps.monthsSinceLastRecord} months`);
  if (s.notCounted > 0) lines.push(`Not counted: ${s.notCounted} record(s), shown above with the reason`);
  return lines.join('\n') + '\n';
}

function renderSuggestion(s: PlacementSuggestion): string {
  return [
    '',
    `Suggestion for ${s.host.name}: ${s.outcome.text}${s.supportMessages.length ? `, ${s.supportMessages.map((m) => m.text).join(', ')}` : ''}`,
    ...s.reasons.map((r) => `  - ${r.text}`),
    s.advice.text,
  ].join('\n') + '\n';
}
