import fs from 'node:fs';
import path from 'node:path';
import { CatalogueAchievementSchema } from '@lp/model';
import type { CatalogueAchievement, LanguageMap } from '@lp/model';
import { renderQrPng } from '@lp/qr/node';
import { CertificateError, renderCertificatePdf } from '../certificate/index.ts';
import type { CertificateInput } from '../certificate/index.ts';
import { createPickupCode, pickupWalletUrl } from '../domain/create-pickup-code.ts';
import { createCredentialOffer } from '../oid4vci/create-credential-offer.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { IssuerError } from '../errors.ts';
import type { CredentialRecord, IssuerProfile } from '../store/index.ts';
import type { BulkIssue } from './bulk-issue.ts';
import type { CheckedRow } from './check-rows-against-catalogue.ts';
import { bulkKeyOf } from './issue-bulk.ts';
import { issueTranscript } from './issue-transcript.ts';
import { fileSlug } from './lib/file-slug.ts';
import { toCsv } from './lib/to-csv.ts';
import { writeFileAtomic } from './lib/write-file-atomic.ts';

/** Pixels per QR module in seal PNGs: a version-15 seal is ~510 px, crisp when printed at 42 mm. */
const SEAL_PNG_SCALE = 6;

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
  const learners = input.grouped ? learnersInOrder(input.rows) : groupByLearner(input.rows);
  const summary: BulkOutputSummary = { learners: 0, records: 0, seals: 0, certificates: 0, certificatesKept: 0, transcripts: 0, issues: [], warnings: [] };
  // The manifest is written as learners are done, through a temporary file renamed at the end.
  const manifest = openCsvWriter(path.join(input.outDir, 'manifest.csv'));
  manifest.write(['candidate_number', 'name', 'name_latin', 'achievement_code', 'result', 'credential_id', 'record', 'seal', 'certificate', 'transcript']);
  let i = -1;
  for await (const learner of learners) {
    i++;
    summary.learners++;
    const cand = fileSlug(learner.candidateNumber);
    const stored: { row: CheckedRow; rec: CredentialRecord; recordFile: string; sealFile: string; sealPng: Uint8Array | undefined }[] = [];
    for (const row of learner.rows) {
      const rec = await deps.store.getCredentialByBulkKey(bulkKeyOf(row, input.session));
      if (!rec) continue;
      const base = `${cand}_${fileSlug(row.data.achievementCode)}`;
      const recordFile = `records/${base}.json`;
      writeFileAtomic(path.join(input.outDir, recordFile), rec.record);
      summary.records++;
      let sealPng: Uint8Array | undefined;
      const sealFile = seals && rec.seal ? `seals/${base}.png` : '';
      if (rec.seal && (seals || certificates)) sealPng = await renderQrPng(rec.seal, { scale: SEAL_PNG_SCALE });
      if (sealFile && sealPng) {
        writeFileAtomic(path.join(input.outDir, sealFile), sealPng);
        summary.seals++;
      }
      stored.push({ row, rec, recordFile, sealFile, sealPng });
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
    if (certificates) {
      certificateFile = `certificates/${cand}.pdf`;
      const file = path.join(input.outDir, certificateFile);
      if (fs.existsSync(file)) {
        summary.certificatesKept++;
      } else {
        // One code delivers everything of this session to the wallet: each record, then the transcript.
        const credentialIds = [...stored.map((s) => s.rec.id), ...(transcriptId !== undefined ? [transcriptId] : [])];
        // The same credentials also as an OpenID4VCI offer for any conformant wallet, paired with
        // the code (one transaction) so that collecting either spends both: one copy per learner.
        const { pickup, offer } = await deps.store.transaction(async (tx) => {
          const p = await createPickupCode(tx, { credentialIds, now: deps.clock(), random: deps.random, baseUrl: deps.baseUrl });
          const o = await createCredentialOffer(tx, { credentialIds, now: deps.clock(), random: deps.random, baseUrl: deps.baseUrl, pickupCode: p.code });
          return { pickup: p, offer: o };
        });
        try {
          const pdf = await renderCertificatePdf(certificateInputOf(profile, catalogue, input.session, stored, pickup.code, pickupWalletUrl(deps.baseUrl, pickup.code)));
          // Beside the certificate, for the issuer to print or send: the standard link first (any
          // wallet), then the same offer as a link that opens our wallet page; and the first's QR.
          writeFileAtomic(path.join(input.outDir, `certificates/${cand}.offer.txt`), `${offer.uri}\n${offer.walletUrl}\n`);
          writeFileAtomic(path.join(input.outDir, `certificates/${cand}.offer.png`), Buffer.from(offer.qrPng.slice(offer.qrPng.indexOf(',') + 1), 'base64'));
          writeFileAtomic(file, pdf);
          summary.certificates++;
        } catch (e) {
          if (!(e instanceof CertificateError)) throw e;
          certificateFile = '';
          summary.issues.push({ row: firstRow.row, code: 'ISSUE_FAILED', message: `certificate of candidate ${learner.candidateNumber}: ${e.code}: ${e.message}` });
        }
      }
    }

    for (const s of stored) {
      const d = s.row.data;
      manifest.write([d.candidateNumber, d.name, d.nameLatin, d.achievementCode, d.result, s.rec.id, s.recordFile, s.sealFile, certificateFile, transcriptFile]);
    }
    input.onProgress?.(i + 1, Math.max(i + 1, input.learners ?? 0));
  }
  manifest.close();
  return summary;
}

async function* groupByLearner(rows: Iterable<CheckedRow> | AsyncIterable<CheckedRow>): AsyncGenerator<Learner> {
  const map = new Map<string, Learner>();
  for await (const row of rows) {
    const c = row.data.candidateNumber;
    let l = map.get(c);
    if (!l) map.set(c, (l = { candidateNumber: c, rows: [] }));
    l.rows.push(row);
  }
  yield* map.values();
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
  stored: { row: CheckedRow; rec: CredentialRecord; sealPng: Uint8Array | undefined }[], pickupCode: string | undefined,
  pickupUrl: string | undefined,
): CertificateInput {
  const d = stored[0]!.row.data;
  // Issued = when the credentials were signed (validFrom is now the award date, possibly years before).
  const issuedAt = stored[0]!.rec.createdAt;
  return {
    issuer: { names: profile.names, country: profile.country },
    languages: Object.keys(profile.names).slice(0, 4),
    learner: { nameAsWritten: d.name, nameLatin: d.nameLatin, dateOfBirth: d.dateOfBirth, candidateNumber: d.candidateNumber },
    session,
    achievements: stored.slice(0, 30).map((s) => {
      const entry = catalogue.get(s.row.data.achievementCode) ?? s.row.entry;
      const scale = entry.resultDescriptions.find((rd) => rd.resultType !== 'Status') ?? entry.resultDescriptions[0];
      const label = scale ? (scale.names ? localized(scale.names) : scale.name ? { en: short(scale.name) } : undefined) : undefined;
      return {
        code: entry.code,
        names: localized(entry.names),
        result: s.row.data.result,
        ...(label ? { resultLabel: label } : {}),
        ...awardedOf(s.rec.record),
        sealPng: s.sealPng ?? new Uint8Array(),
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
