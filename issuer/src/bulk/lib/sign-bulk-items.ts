import { z } from 'zod';
import { createDocumentLoader } from '@lp/contexts';
import type { DocumentLoader } from '@lp/contexts';
import { achievementIdOf, CatalogueAchievementSchema } from '@lp/model';
import type { CatalogueAchievement } from '@lp/model';
import { statusEntry } from '@lp/status';
import { ResultInputSchema, SubjectInputSchema } from '../../domain/build-achievement-credential.ts';
import type { ResultInput, SubjectInput } from '../../domain/build-achievement-credential.ts';
import type { SigningKey } from '../../domain/issuer-deps.ts';
import { prepareCatalogueCredential } from '../../domain/lib/prepare-catalogue-credential.ts';
import { signCredentialForms } from '../../domain/lib/sign-credential-forms.ts';
import { IssuerError } from '../../errors.ts';
import type { IssuerProfile, StatusAllocation } from '../../store/index.ts';

/**
 * What every signing thread of a bulk run holds for the whole run: the unlocked key (as key
 * material in memory, handed over by the issuing process through `workerData`, never a file), the
 * issuer's profile and catalogue as read at the start of the run, the public base URL, and our
 * did:web document for the loader.
 */
export interface BulkSignSetup {
  issuerId: string;
  kid: string;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  profile: IssuerProfile;
  catalogue: unknown[];
  baseUrl: string;
  didDocument?: { id: string; doc: unknown };
}

export interface BulkSignItem {
  /** The CSV row, echoed back in the result. */
  row: number;
  achievement: string;
  subject: SubjectInput;
  result: ResultInput;
  awardedDate?: string;
  /** [revocation, suspension], allocated by the issuing process in the batch's transaction. */
  status: StatusAllocation[];
}

export interface BulkSignTask {
  /** ISO time of the batch: validFrom (without an award date), proof.created, the seal's time. */
  now: string;
  session: string;
  items: BulkSignItem[];
}

export type BulkSignResult =
  | { row: number; ok: true; id: string; record: string; seal: string | null; codes: string[]; subject: SubjectInput }
  | { row: number; ok: false; code: string; message: string };

const Bytes32 = z.instanceof(Uint8Array).refine((b) => b.length === 32, 'expected 32 bytes');
const SetupSchema = z.object({
  issuerId: z.string().min(1), kid: z.string().min(1), publicKey: Bytes32, secretKey: Bytes32,
  profile: z.object({ id: z.string(), names: z.record(z.string(), z.string()), country: z.string(), didMethod: z.string(), createdAt: z.string() }).loose(),
  catalogue: z.array(z.unknown()), baseUrl: z.string().min(1),
  didDocument: z.object({ id: z.string(), doc: z.unknown() }).optional(),
});

/** A signing context built once per thread from its setup. */
export interface BulkSigner {
  signer: SigningKey;
  profile: IssuerProfile;
  catalogue: CatalogueAchievement[];
  sealCatalogue: { code: string; id: string }[];
  baseUrl: string;
  documentLoader: DocumentLoader;
}

/** Checks the setup (a thread boundary: what arrives is structured-cloned data) and builds the signer. */
export function createBulkSigner(setup: BulkSignSetup): BulkSigner {
  const s = SetupSchema.parse(setup);
  const catalogue = s.catalogue.map((e) => CatalogueAchievementSchema.parse(e));
  const doc = s.didDocument;
  return {
    signer: { issuerId: s.issuerId, kid: s.kid, keyPair: { publicKey: s.publicKey, secretKey: s.secretKey } },
    profile: s.profile as IssuerProfile,
    catalogue,
    sealCatalogue: catalogue.map((e) => ({ code: e.code, id: achievementIdOf(e, s.baseUrl) })),
    baseUrl: s.baseUrl,
    documentLoader: createDocumentLoader({ resolveDid: (did) => (doc && doc.id === did ? (doc.doc as object) : undefined) }),
  };
}

const ItemSchema = z.object({
  row: z.number().int(), achievement: z.string(), subject: SubjectInputSchema, result: ResultInputSchema, awardedDate: z.string().optional(),
  status: z.array(z.object({ purpose: z.enum(['revocation', 'suspension']), listId: z.string(), index: z.number().int().nonnegative() })).min(1),
});
const TaskSchema = z.object({ now: z.iso.datetime(), session: z.string(), items: z.array(ItemSchema) });

/**
 * Builds and signs each item as `issueCredential` does for a catalogue issuance (same
 * preparation, same signing function): the full record with eddsa-rdfc-2022 and the QR seal. A
 * row that cannot be issued (SEAL_TOO_LARGE, an achievement gone from the catalogue) comes back as
 * a failed result with its IssuerError code; other errors are thrown (a bug, not a row).
 */
export async function signBulkItems(ctx: BulkSigner, task: BulkSignTask): Promise<BulkSignResult[]> {
  // Checked, but the items are used as sent: the schema trims, and the record must hold exactly
  // the text `issueCredential` would sign for the same row.
  TaskSchema.parse(task);
  const t = task;
  const now = new Date(t.now);
  const random = (n: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(n));
  const out: BulkSignResult[] = [];
  for (const item of t.items) {
    try {
      const prepared = prepareCatalogueCredential(
        { achievement: item.achievement, subject: item.subject, result: item.result, session: t.session, ...(item.awardedDate !== undefined ? { awardedDate: item.awardedDate } : {}) },
        { profile: ctx.profile, catalogue: ctx.catalogue, now, baseUrl: ctx.baseUrl, random },
      );
      const toSign = {
        ...prepared.unsigned,
        credentialStatus: item.status.map((a) => statusEntry({ listUrl: `${ctx.baseUrl}/status/${a.listId}`, index: a.index, purpose: a.purpose })),
      };
      const signed = await signCredentialForms(ctx.signer, ctx.documentLoader, {
        credential: toSign, now, seal: true, kind: 'achievement', sealCatalogue: ctx.sealCatalogue, learnerName: prepared.learnerName, session: t.session,
      });
      out.push({ row: item.row, ok: true, id: prepared.unsigned.id as string, record: JSON.stringify(signed.credential), seal: signed.seal, codes: prepared.codes, subject: item.subject });
    } catch (e) {
      if (!(e instanceof IssuerError)) throw e;
      out.push({ row: item.row, ok: false, code: e.code, message: e.message });
    }
  }
  return out;
}
