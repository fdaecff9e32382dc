import QRCode from 'qrcode';
import type { QRCode as QrSymbol } from 'qrcode';
import { QrError } from '../qr-error.ts';
import type { QrEcc } from '../rgba-image.ts';

// ISO/IEC 18004 §7.4.4 Table 5: the alphanumeric set, which is also RFC 9285's base45 alphabet.
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

// Version 40-L holds at most 7,089 digits; anything longer cannot fit, so refuse before encoding.
const MAX_TEXT_LENGTH = 7089;

/**
 * Builds the QR symbol for `text`. Text in the alphanumeric set (seals: 'LP1:' + base45) is
 * passed as one explicit alphanumeric segment so it costs 5.5 bits a character, not 8.
 */
export function createQr(text: string, ecc: QrEcc = 'M'): QrSymbol {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  if (text.length > MAX_TEXT_LENGTH) {
    throw new QrError('TEXT_TOO_LONG', `text of ${text.length} characters cannot fit in a QR code`);
  }
  const input = text.length > 0 && ALPHANUMERIC.test(text)
    ? [{ data: text, mode: 'alphanumeric' as const }]
    : text;
  try {
    return QRCode.create(input, { errorCorrectionLevel: ecc });
  } catch (e) {
    throw new QrError('TEXT_TOO_LONG', `text of ${text.length} characters does not fit in a QR code at level ${ecc}`, { cause: e });
  }
}

export function isAlphanumeric(text: string): boolean {
  return ALPHANUMERIC.test(text);
}
