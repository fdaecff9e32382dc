import { renderQrPng } from '@lp/qr/node';
import { CertificateError, renderCertificatePdf } from '../../certificate/index.ts';
import type { CertificateErrorCode, CertificateInput } from '../../certificate/index.ts';

/** Pixels per QR module in seal PNGs: a version-15 seal is ~510 px, crisp when printed at 42 mm. */
export const SEAL_PNG_SCALE = 6;

type CertificateAchievementInput = CertificateInput['achievements'][number];

/** What one learner's images and PDF are made from; plain data, so it crosses to a thread as is. */
export interface LearnerFilesTask {
  /** Each credential's seal text, or null for one without a seal. */
  seals: (string | null)[];
  /** The certificate, each result naming its seal by index into `seals` instead of carrying a PNG. */
  certificate?: Omit<CertificateInput, 'achievements'> & {
    achievements: (Omit<CertificateAchievementInput, 'sealPng'> & { seal: number })[];
  };
}

export interface LearnerFilesResult {
  /** A PNG per entry of `seals` (null where there was no seal). */
  sealPngs: (Uint8Array | null)[];
  certificate?: { ok: true; pdf: Uint8Array } | { ok: false; code: CertificateErrorCode; message: string };
}

/**
 * Renders a learner's seal PNGs and then the certificate with those same PNGs in it: each QR is
 * drawn once and serves both the seal file and the PDF. A certificate that cannot be made is a
 * result (its error code and message), so that it can come back from a thread intact.
 */
export async function renderLearnerFiles(task: LearnerFilesTask): Promise<LearnerFilesResult> {
  const sealPngs: (Uint8Array | null)[] = [];
  for (const text of task.seals) sealPngs.push(text === null ? null : await renderQrPng(text, { scale: SEAL_PNG_SCALE }));
  if (!task.certificate) return { sealPngs };
  const { achievements, ...rest } = task.certificate;
  try {
    const pdf = await renderCertificatePdf({
      ...rest,
      achievements: achievements.map(({ seal, ...a }) => ({ ...a, sealPng: sealPngs[seal] ?? new Uint8Array() })),
    });
    return { sealPngs, certificate: { ok: true, pdf } };
  } catch (e) {
    if (!(e instanceof CertificateError)) throw e;
    return { sealPngs, certificate: { ok: false, code: e.code, message: e.message } };
  }
}
