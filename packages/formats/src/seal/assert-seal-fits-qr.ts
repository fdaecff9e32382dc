import Version from 'qrcode/lib/core/version.js';
import AlphanumericData from 'qrcode/lib/core/alphanumeric-data.js';
import ECLevel from 'qrcode/lib/core/error-correction-level.js';
import { SealError } from './seal-error.ts';

/** Largest QR versions the issuer accepts (DESIGN.md: phones read paper reliably to ~15–20;
 * a transcript of ~10 results is allowed up to 25). */
export const SEAL_MAX_QR_VERSION = { single: 15, transcript: 25 } as const;

export type QrEcc = 'L' | 'M' | 'Q' | 'H';

/** QR version (1–40) the seal needs in alphanumeric mode, or undefined when even 40 is too small. */
export function sealQrVersion(text: string, ecc: QrEcc = 'M'): number | undefined {
  // qrcode's own capacity lookup, the one QRCode.create uses before it draws the symbol: building
  // the whole matrix just to learn its version cost a quarter of each bulk issuance.
  if (!/^[0-9A-Z $%*+\-./:]*$/.test(text)) return undefined;
  return Version.getBestVersionForData(new AlphanumericData(text), ECLevel[ecc]);
}

/**
 * Refuses a seal that needs a QR version above `maxVersion` (default 25, the transcript budget;
 * pass SEAL_MAX_QR_VERSION.single for one result) at error correction `ecc` (default M). The
 * issuer calls this at issuance: no silent multi-QR (DESIGN.md). Throws SealError
 * SEAL_TOO_LARGE_FOR_QR with `details.version` (undefined when above 40).
 *
 * @example const { version } = assertSealFitsQr(text, { maxVersion: SEAL_MAX_QR_VERSION.single });
 */
export function assertSealFitsQr(
  text: string,
  opts: { maxVersion?: number; ecc?: QrEcc } = {},
): { version: number; characters: number } {
  const maxVersion = opts.maxVersion ?? SEAL_MAX_QR_VERSION.transcript;
  const ecc = opts.ecc ?? 'M';
  const version = sealQrVersion(text, ecc);
  if (version === undefined || version > maxVersion) {
    throw new SealError(
      'SEAL_TOO_LARGE_FOR_QR',
      `seal of ${text.length} characters needs QR version ${version ?? '>40'} at ${ecc}, limit ${maxVersion}`,
      undefined,
      { version, maxVersion, ecc, characters: text.length },
    );
  }
  return { version, characters: text.length };
}
