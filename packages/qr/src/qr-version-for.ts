import { createQr } from './lib/create-qr.ts';
import type { QrEcc } from './rgba-image.ts';

/**
 * The QR version (1–40) that `text` needs at error correction `ecc`; throws QrError
 * TEXT_TOO_LONG past version 40. Phones read paper reliably up to about version 15–20.
 *
 * @example qrVersionFor('LP1:' + base45, 'M') // 15 for 600 characters
 */
export function qrVersionFor(text: string, ecc: QrEcc = 'M'): number {
  return createQr(text, ecc).version;
}
