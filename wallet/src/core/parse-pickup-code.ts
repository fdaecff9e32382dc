/** 20 characters of the issuer's base32 alphabet (100 bits), printed in groups of four. */
const CODE = /^[0-9A-Z]{20}$/;

/**
 * The pick-up code in what a learner scanned or typed: the certificate's pick-up QR
 * (`…/wallet#pickup=CODE`), the issuer's link (`…/pickup/CODE`, as `lp wallet receive` takes), or
 * the code itself, in any case, with or without dashes and spaces. Look-alikes are read as the
 * issuer reads them (I and L as 1, O as 0). Returns the code in groups of four, or undefined when
 * the text holds no pick-up code (it may be a seal or a record).
 *
 * @example parsePickupCode('http://localhost:8080/wallet#pickup=k7qx-9m2p-4htw-ab12-cd34') // 'K7QX-9M2P-4HTW-AB12-CD34'
 */
export function parsePickupCode(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > 2048) return undefined;
  let candidate = trimmed;
  if (/^https?:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return undefined;
    }
    const fromHash = /^#pickup=([^&]+)$/.exec(url.hash)?.[1];
    const fromPath = /\/pickup\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    const found = fromHash ?? fromPath;
    if (found === undefined) return undefined;
    try {
      candidate = decodeURIComponent(found);
    } catch {
      return undefined;
    }
  }
  const raw = candidate.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return CODE.test(raw) ? raw.match(/.{4}/g)!.join('-') : undefined;
}
