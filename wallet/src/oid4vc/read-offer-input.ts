import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodeQrFromFile } from '@lp/qr/node';
import { WalletError } from '../core/wallet-error.ts';
import { OFFER_SCHEME } from './receive-credential-offer.ts';

/** What `lp wallet receive` was given: an OpenID4VCI offer, or our issuer's pick-up link. */
export type ReceiveTarget = { kind: 'offer'; uri: string } | { kind: 'pickup'; url: string };

/**
 * Tells apart `lp wallet receive`'s argument: an `openid-credential-offer://` URI, an http(s)
 * pick-up link, or a PNG/JPEG photo of a QR code holding either (a certificate's QR, a screen).
 */
export async function readOfferInput(arg: string, cwd: string): Promise<ReceiveTarget> {
  const text = arg.trim();
  if (text.startsWith(OFFER_SCHEME)) return { kind: 'offer', uri: text };
  if (/^https?:\/\//i.test(text)) return { kind: 'pickup', url: text };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(resolve(cwd, arg)));
  } catch {
    throw new WalletError('OFFER_INVALID', `${arg} is neither an ${OFFER_SCHEME} offer, an http(s) pick-up link nor a readable image file`);
  }
  let qr: string;
  try {
    qr = (await decodeQrFromFile(bytes)).text.trim();
  } catch (e) {
    throw new WalletError('OFFER_INVALID', `no readable QR code in ${arg} (${(e as { code?: string }).code ?? 'unreadable'})`);
  }
  if (qr.startsWith(OFFER_SCHEME)) return { kind: 'offer', uri: qr };
  if (/^https?:\/\//i.test(qr)) return { kind: 'pickup', url: qr.replace(/\/wallet#pickup=/, '/pickup/') };
  throw new WalletError('OFFER_INVALID', `the QR code in ${arg} is neither a credential offer nor a pick-up link`);
}
