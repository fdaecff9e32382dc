import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { decodeQrFromFile } from '@lp/qr/node';
import { WalletError } from '../core/wallet-error.ts';
import { OFFER_SCHEME } from './receive-credential-offer.ts';

/** What `lp wallet receive` was given: an OpenID4VCI offer, or our issuer's pick-up link. */
export type ReceiveTarget = { kind: 'offer'; uri: string } | { kind: 'pickup'; url: string };

/**
 * Tells apart `lp wallet receive`'s argument: an `openid-credential-offer://` URI, an http(s)
 * pick-up link, a link opening an offer in the wallet page (`…/wallet#offer=<offer, encoded>`, the
 * issuer's second form), or a PNG/JPEG photo of a QR code holding any of them.
 */
export async function readOfferInput(arg: string, cwd: string): Promise<ReceiveTarget> {
  const text = arg.trim();
  if (text.startsWith(OFFER_SCHEME)) return { kind: 'offer', uri: text };
  const inPage = offerInWalletLink(text);
  if (inPage !== undefined) return { kind: 'offer', uri: inPage };
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
  const qrInPage = offerInWalletLink(qr);
  if (qrInPage !== undefined) return { kind: 'offer', uri: qrInPage };
  if (/^https?:\/\//i.test(qr)) return { kind: 'pickup', url: qr.replace(/\/wallet#pickup=/, '/pickup/') };
  throw new WalletError('OFFER_INVALID', `the QR code in ${arg} is neither a credential offer nor a pick-up link`);
}

/**
 * The offer carried by a link to the wallet page (`…/wallet#offer=…`); undefined for any other
 * text. OFFER_INVALID when the fragment names an offer that is not one (never taken for a pick-up link).
 */
function offerInWalletLink(text: string): string | undefined {
  const m = /^https?:\/\/[^#\s]*#offer=(\S*)$/i.exec(text);
  if (!m) return undefined;
  let inner = '';
  try { inner = decodeURIComponent(m[1]!); } catch { /* refused below */ }
  if (!inner.startsWith(OFFER_SCHEME)) throw new WalletError('OFFER_INVALID', `the link's #offer= holds no ${OFFER_SCHEME} offer`);
  return inner;
}
