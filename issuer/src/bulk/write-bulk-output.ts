import fs from 'node:fs';
import path from 'node:path';
import { CatalogueAchievementSchema } from '@lp/model';
import type { CatalogueAchievement, LanguageMap } from '@lp/model';
import { renderQrPng } from '@lp/qr/node';
import { createPickupCode, pickupWalletUrl } from '../domain/create-pickup-code.ts';
import { createCredentialOffer } from '../oid4vci/create-credential-offer.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { IssuerError } from '../errors.ts';
import type { CredentialRecord, IssuerProfile } from '../store/index.ts';
import type { BulkIssue } from './bulk-issue.ts';
import type { CheckedRow } from './check-rows-against-catalogue.ts';
import { bulkKeyOf } from './issue-bulk.ts';
import { issueTranscript } from './issue-transcript.ts';
import { createCertificatePool } from './lib/create-certificate-pool.ts';
import { defaultSigningThreads } from './lib/create-signing-pool.ts';
import { fileSlug } from './lib/file-slug.ts';
import { SEAL_PNG_SCALE } from './lib/render-learner-files.ts';
import type { LearnerFilesResult, LearnerFilesTask } from './lib/render-learner-files.ts';
import { toCsv } from './lib/to-csv.ts';
import { writeFileAtomic } from './lib/write-file-atomic.ts';

/** Below this many learners the output is drawn in this thread: a thread's start costs more than it saves. */
const MIN_LEARNERS_FOR_THREADS = 200;
/** Learners whose pick-up codes share a transaction. */
const PICKUP_BATCH = 16;

export interface WriteBulkOutputInput {
  outDir: string;
  session: string;
  /**
   * The run's valid rows (rows whose credential is not stored are left out), as a list or
   * streamed. With `grouped`, the caller promises that each candidate's rows come one after the
   * other (a file sorted by candidate): learners are then written as they end and no row is held;
   * otherwise every row is held to group them.
   */
  rows: Iterable<CheckedRow> | AsyncIterable<CheckedRow>;
  grouped?: boolean;
  /** Learners in `rows`, for progress when they are streamed. */
  learners?: number;
  /** A seal PNG per credential (default true). */
  seals?: boolean;
  /** A PDF certificate per learner with a pick-up code (default true). */
  certificates?: boolean;
  /** A CLR 2.0 transcript per learner (default false). */
  transcripts?: boolean;
  actor: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * Threads drawing seal PNGs and certificate PDFs (default one per core when there are at least
   * 200 learners or their number is not known, else 0); 0 draws them in this thread.
   */
  threads?: number;
}

export interface BulkOutputSummary {
  learners: number;
  records: number;
  seals: number;
  /** Certificates written by this run. */
  certificates: number;
  /** Certificates kept from an earlier run (their pick-up codes stay valid). */
  certificatesKept: number;
  transcripts: number;
  /** Learners whose certificate or transcript could not be made. */
  issues: BulkIssue[];
  warnings: string[];
}

interface Learner {
  candidateNumber: string;
  rows: CheckedRow[];
}

interface StoredRow {
  row: CheckedRow;
  rec: CredentialRecord;
  recordFile: string;
  sealFile: string;
}

/** A learner whose records are written, waiting for its pick-up code (when it gets a certificate). */
interface Prepared {
  index: number;
  candidateNumber: string;
  cand: string;
  stored: StoredRow[];
  transcriptFile: string;
  certificateFile: string;
  /** What the certificate's pick-up code delivers; absent when no certificate is made. */
  credentialIds?: string[];
}

/** A learner waiting for its images and PDF. */
interface InFlight extends Prepared {
  offer?: { uri: string; qrPng: string; walletUrl: string };
  files: Promise<LearnerFilesResult>;
}

/**
 * Writes the output folder of a bulk run from what the store holds (so a second run writes the
 * same records and seals): `records/<candidate>_<code>.json` (the full record exactly as signed),
 * `seals/<candidate>_<code>.png`, `certificates/<candidate>.pdf` (A4, renderCertificatePdf: name in
 * both scripts, results, the issuer's languages, one QR seal per result, a pick-up code), with
 * `transcripts` also `transcripts/<candidate>.json` and `…-seal.png` (CLR 2.0, issue-transcript.ts),
 * and `manifest.csv`. Files are written atomically. A certificate already in the folder is kept:
 * its pick-up code was shown once and stays the valid one.
 *
 * The pick-up code on a certificate delivers, once, every credential of the learner in this
 * session (each record, and the transcript with `transcripts`), so `lp wallet receive` gets them all.
 *
 * Seal PNGs and certificates are drawn by `threads` (create-certificate-pool.ts; each QR once, for
 * its PNG file and its place on the PDF) while this thread reads the store and makes the pick-up
 * codes (for 16 learners per transaction); at most a batch and three learners per thread are in flight, and learners are finished (files,
 * manifest row, progress) in their order. A run stopped in between may leave pick-up codes made
 * for certificates not yet written: they were never printed, and the next run makes new ones.
 */
export async function writeBulkOutput(deps: IssuerDeps, input: WriteBulkOutputInput): Promise<BulkOutputSummary> {
  const seals = input.seals ?? true;
  const certificates = input.certificates ?? true;
  const transcripts = input.transcripts ?? false;
  const profile = await deps.store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
  const catalogue = new Map(
    (await deps.store.listAchievements()).map((r) => {
      const e = CatalogueAchievementSchema.parse(r.entry);
      return [e.code, e] as const;
    }),
  );
  const listed = input.grouped ? undefined : await groupByLearner(input.rows);
  const learners = listed ?? learnersInOrder(input.rows);
  const count = listed?.length ?? input.learners;
  const summary: BulkOutputSummary = { learners: 0, records: 0, seals: 0, certificates: 0, certificatesKept: 0, transcripts: 0, issues: [], warnings: [] };
  // The manifest is written as learners are done, through a temporary file renamed at the end.
  const manifest = openCsvWriter(path.join(input.outDir, 'manifest.csv'));
  manifest.write(['candidate_number', 'name', 'name_latin', 'achievement_code', 'result', 'credential_id', 'record', 'seal', 'certificate', 'transcript']);
  // Seal PNGs and PDFs are drawn by threads while this thread reads the store, issues pick-up
  // codes and writes files; learners are finished in their order, a bounded number ahead.
  const threads = input.threads ?? ((seals || certificates) && (count === undefined || count >= MIN_LEARNERS_FOR_THREADS) ? defaultSigningThreads() : 0);
  const pool = createCertificatePool({ threads });
  // Room for a whole batch besides what the threads are drawing, so that they never wait for the next batch.
  const ahead = threads === 0 ? 1 : PICKUP_BATCH + threads * 3;
  const queue: InFlight[] = [];

  const finish = async (l: InFlight): Promise<void> => {
    const files = await l.files;
    l.stored.forEach((s, k) => {
      const png = files.sealPngs[k];
      if (!s.sealFile || !png) return;
      writeFileAtomic(path.join(input.outDir, s.sealFile), png);
      summary.seals++;
    });
    let certificateFile = l.certificateFile;
    const made = files.certificate;
    if (made && l.offer) {
      if (made.ok) {
        // Beside the certificate, for the issuer to print or send: the link and its QR.
        // The standard link first (any wallet), then the same offer as a link that opens our wallet page.
        writeFileAtomic(path.join(input.outDir, `certificates/${l.cand}.offer.txt`), `${l.offer.uri}\n${l.offer.walletUrl}\n`);
        writeFileAtomic(path.join(input.outDir, `certificates/${l.cand}.offer.png`), Buffer.from(l.offer.qrPng.slice(l.offer.qrPng.indexOf(',') + 1), 'base64'));
        writeFileAtomic(path.join(input.outDir, certificateFile), made.pdf);
        summary.certificates++;
      } else {
        certificateFile = '';
        summary.issues.push({ row: l.stored[0]!.row.row, code: 'ISSUE_FAILED', message: `certificate of candidate ${l.candidateNumber}: ${made.code}: ${made.message}` });
      }
    }
    for (const s of l.stored) {
      const d = s.row.data;
      manifest.write([d.candidateNumber, d.name, d.nameLatin, d.achievementCode, d.result, s.rec.id, s.recordFile, s.sealFile, certificateFile, l.transcriptFile]);
    }
    input.onProgress?.(l.index + 1, Math.max(l.index + 1, count ?? 0));
  };

  // Pick-up codes and offers of several learners are made in one transaction: one commit (and
  // its fsync) per batch instead of per learner, which otherwise bounds the whole run.
  const batch: Prepared[] = [];
  const sendBatch = async (): Promise<void> => {
    const needing = batch.filter((l) => l.credentialIds !== undefined);
    const made = needing.length === 0 ? [] : await deps.store.transaction(async (tx) => {
      const out: { code: string; offer: { uri: string; qrPng: string; walletUrl: string } }[] = [];
      for (const l of needing) {
        const credentialIds = l.credentialIds!;
        // The same credentials also as an OpenID4VCI offer for any conformant wallet, paired with
        // the code (same transaction) so that collecting either spends both: one copy per learner.
        const p = await createPickupCode(tx, { credentialIds, now: deps.clock(), random: deps.random, baseUrl: deps.baseUrl });
        const o = await createCredentialOffer(tx, { credentialIds, now: deps.clock(), random: deps.random, baseUrl: deps.baseUrl, pickupCode: p.code });
        out.push({ code: p.code, offer: { uri: o.uri, qrPng: o.qrPng, walletUrl: o.walletUrl } });
      }
      return out;
    });
    for (const l of batch) {
      const pickup = l.credentialIds !== undefined ? made[needing.indexOf(l)] : undefined;
      const certificate = pickup ? certificateInputOf(profile, catalogue, input.session, l.stored, pickup.code, pickupWalletUrl(deps.baseUrl, pickup.code)) : undefined;
      const task: LearnerFilesTask = {
        seals: l.stored.map((s) => (s.rec.seal && (s.sealFile || certificate) ? s.rec.seal : null)),
        ...(certificate ? { certificate } : {}),
      };
      const files = pool.render(task);
      // Awaited in order below; a failure is not left unhandled while earlier learners finish.
      files.catch(() => undefined);
      queue.push({ ...l, ...(pickup ? { offer: pickup.offer } : {}), files });
      while (queue.length >= ahead) await finish(queue.shift()!);
    }
    batch.length = 0;
  };

  try {
    let i = -1;
    for await (const learner of learners) {
      i++;
      summary.learners++;
      const cand = fileSlug(learner.candidateNumber);
      const stored: StoredRow[] = [];
      for (const row of learner.rows) {
        const rec = await deps.store.getCredentialByBulkKey(bulkKeyOf(row, input.session));
        if (!rec) continue;
        const base = `${cand}_${fileSlug(row.data.achievementCode)}`;
        const recordFile = `records/${base}.json`;
        writeFileAtomic(path.join(input.outDir, recordFile), rec.record);
        summary.records++;
        stored.push({ row, rec, recordFile, sealFile: seals && rec.seal ? `seals/${base}.png` : '' });
      }
      if (stored.length === 0) continue;
      const firstRow = stored[0]!.row;

      let transcriptId: string | undefined;
      let transcriptFile = '';
      if (transcripts) {
        try {
          const t = await issueTranscript(deps, {
            candidateNumber: learner.candidateNumber, session: input.session, actor: input.actor,
            credentials: stored.map((s) => JSON.parse(s.rec.record) as Record<string, unknown>),
          });
          transcriptId = t.id;
          const embedded = ((t.credential.credentialSubject as { verifiableCredential?: { id?: string }[] }).verifiableCredential ?? []).map((c) => c.id);
          if (stored.some((s) => !embedded.includes(s.rec.id))) {
            summary.warnings.push(`candidate ${learner.candidateNumber}: the transcript issued before does not hold every result of this session`);
          }
          transcriptFile = `transcripts/${cand}.json`;
          const rec = await deps.store.getCredential(t.id);
          writeFileAtomic(path.join(input.outDir, transcriptFile), rec?.record ?? JSON.stringify(t.credential));
          if (t.seal) writeFileAtomic(path.join(input.outDir, `transcripts/${cand}-seal.png`), await renderQrPng(t.seal, { scale: SEAL_PNG_SCALE }));
          summary.transcripts++;
        } catch (e) {
          if (!(e instanceof IssuerError)) throw e;
          summary.issues.push({ row: firstRow.row, code: 'ISSUE_FAILED', message: `transcript of candidate ${learner.candidateNumber}: ${e.code}: ${e.message}` });
        }
      }

      let certificateFile = '';
      let credentialIds: string[] | undefined;
      if (certificates) {
        certificateFile = `certificates/${cand}.pdf`;
        if (fs.existsSync(path.join(input.outDir, certificateFile))) {
          summary.certificatesKept++;
        } else {
          // One code delivers everything of this session to the wallet: each record, then the transcript.
          credentialIds = [...stored.map((s) => s.rec.id), ...(transcriptId !== undefined ? [transcriptId] : [])];
        }
      }
      batch.push({ index: i, candidateNumber: learner.candidateNumber, cand, stored, transcriptFile, certificateFile, ...(credentialIds ? { credentialIds } : {}) });
      if (batch.length >= PICKUP_BATCH) await sendBatch();
    }
    await sendBatch();
    while (queue.length > 0) await finish(queue.shift()!);
  } finally {
    await pool.close();
  }
  manifest.close();
  return summary;
}

async function groupByLearner(rows: Iterable<CheckedRow> | AsyncIterable<CheckedRow>): Promise<Learner[]> {
  const map = new Map<string, Learner>();
  for await (const row of rows) {
    const c = row.data.candidateNumber;
    let l = map.get(c);
    if (!l) map.set(c, (l = { candidateNumber: c, rows: [] }));
    l.rows.push(row);
  }
  return [...map.values()];
}

/** Learners of rows where each candidate's rows are contiguous: one learner held at a time. */
async function* learnersInOrder(rows: Iterable<CheckedRow> | AsyncIterable<CheckedRow>): AsyncGenerator<Learner> {
  let current: Learner | undefined;
  for await (const row of rows) {
    const c = row.data.candidateNumber;
    if (current && current.candidateNumber !== c) {
      yield current;
      current = undefined;
    }
    (current ??= { candidateNumber: c, rows: [] }).rows.push(row);
  }
  if (current) yield current;
}

/** CSV written row by row (toCsv's quoting and neutralising) to a temporary file, renamed on close. */
function openCsvWriter(file: string): { write(cells: readonly string[]): void; close(): void } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  let first = true;
  return {
    write(cells) {
      // toCsv gives BOM + row + CRLF; only the first row keeps the BOM.
      const text = toCsv([cells]);
      fs.writeSync(fd, first ? text : text.slice(1));
      first = false;
    },
    close() {
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(tmp, file);
    },
  };
}
function certificateInputOf(
  profile: IssuerProfile, catalogue: Map<string, CatalogueAchievement>, session: string,
  stored: StoredRow[], pickupCode: string | undefined, pickupUrl: string | undefined,
): NonNullable<LearnerFilesTask['certificate']> {
  const d = stored[0]!.row.data;
  // Issued = when the credentials were signed (validFrom is now the award date, possibly years before).
  const issuedAt = stored[0]!.rec.createdAt;
  return {
    issuer: { names: profile.names, country: profile.country },
    languages: Object.keys(profile.names).slice(0, 4),
    learner: { nameAsWritten: d.name, nameLatin: d.nameLatin, dateOfBirth: d.dateOfBirth, candidateNumber: d.candidateNumber },
    session,
    achievements: stored.slice(0, 30).map((s, i) => {
      const entry = catalogue.get(s.row.data.achievementCode) ?? s.row.entry;
      const scale = entry.resultDescriptions.find((rd) => rd.resultType !== 'Status') ?? entry.resultDescriptions[0];
      const label = scale ? (scale.names ? localized(scale.names) : scale.name ? { en: short(scale.name) } : undefined) : undefined;
      return {
        code: entry.code,
        names: localized(entry.names),
        result: s.row.data.result,
        ...(label ? { resultLabel: label } : {}),
        ...awardedOf(s.rec.record),
        seal: i,
      };
    }),
    ...(pickupCode !== undefined ? { pickupCode } : {}),
    ...(pickupUrl !== undefined ? { pickupUrl } : {}),
    // A demo issuer (`npm start`) prints a watermark so its paper can never pass for real.
    demo: Object.values(profile.names).some((n) => /\bdemo\b|démo/i.test(n)),
    issuedAt,
  };
}

function awardedOf(record: string): { awardedDate?: string } {
  const awarded = (JSON.parse(record) as { awardedDate?: unknown }).awardedDate;
  return typeof awarded === 'string' ? { awardedDate: awarded } : {};
}

function localized(map: LanguageMap): Record<string, string> {
  const entries = Array.isArray(map) ? map.map((v) => [v['@language'] ?? 'en', v['@value']] as const) : Object.entries(map);
  return Object.fromEntries(entries.map(([l, t]) => [l, short(String(t))]));
}

/** The certificate prints at most 200 characters per name. */
function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= 200 ? t : `${t.slice(0, 199)}…`;
}
