import { z } from 'zod';
import { ModelError, parseJsonText } from '@lp/model';
import type { ImportInput } from './import-credential.ts';
import { WalletError } from './wallet-error.ts';

const MAX_PICKUP_BYTES = 2 * 1024 * 1024;
const MAX_PICKUP_ITEMS = 100;
const zItem = z.object({
  credential: z.union([z.record(z.string(), z.unknown()), z.string().min(1)]),
  seal: z.string().min(1).nullable().optional(),
  jwt: z.string().optional(),
});
/** `{credentials: [...]}` (one code, several credentials), or the v1 answer `{credential, seal}`. */
const zPickup = z.union([
  z.object({ credentials: z.array(zItem).min(1).max(MAX_PICKUP_ITEMS) }),
  zItem,
]);

/**
 * Fetches every credential of the issuer's one-time pick-up link (`GET /pickup/{code}` →
 * `{credentials: [{credential, seal}, …]}` once, then 410; an older issuer's `{credential, seal}`
 * is one item). This is the wallet's only network use; `fetch` is injected. The issuer answers
 * 410 with problem+json for a used or an expired code.
 *
 * The issuer sends the record as a JSON value inside a wrapper, so the text kept is that value's
 * compact serialization (JSON.stringify keeps member order, so it is the issuer's JSON; a Data
 * Integrity proof covers the canonical RDF, not the whitespace). A JWT arrives as a string and is
 * kept as is.
 */
export async function receivePickup(url: string, fetchFn: typeof fetch = fetch): Promise<ImportInput[]> {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new WalletError('PICKUP_FAILED', `not a URL: ${url}`);
  }
  if (parsedUrl.protocol !== 'https:' && parsedUrl.protocol !== 'http:') throw new WalletError('PICKUP_FAILED', 'a pick-up link is http(s)');
  let res: Response;
  try {
    res = await fetchFn(parsedUrl, { headers: { accept: 'application/json' }, redirect: 'error' });
  } catch (e) {
    throw new WalletError('PICKUP_FAILED', `cannot reach ${parsedUrl.host}: ${(e as Error).message}`);
  }
  const body = await res.text();
  if (body.length > MAX_PICKUP_BYTES) throw new WalletError('PICKUP_FAILED', 'the pick-up answer is too large');
  if (res.status === 410) {
    const detail = problemDetail(body);
    if (/expire/i.test(detail)) throw new WalletError('PICKUP_EXPIRED', 'this pick-up code has expired: ask the issuer for a new one');
    throw new WalletError('PICKUP_USED', 'this pick-up code was already used: the credential was collected once (ask the issuer for a new code)');
  }
  if (res.status === 404) throw new WalletError('PICKUP_NOT_FOUND', 'unknown pick-up code');
  if (!res.ok) throw new WalletError('PICKUP_FAILED', `the issuer answered ${res.status}: ${problemDetail(body)}`);
  let json: unknown;
  try {
    // @lp/model's reader: a key twice would be silently resolved by JSON.parse (the last wins) and
    // the record re-serialised as something the issuer never sent.
    json = parseJsonText(body, { maxBytes: MAX_PICKUP_BYTES * 4 });
  } catch (e) {
    if (e instanceof ModelError && e.code === 'JSON_DUPLICATE_KEY') throw new WalletError('JSON_DUPLICATE_KEY', `the pick-up answer has a key twice (${e.path ?? '$'}): nothing was kept`);
    throw new WalletError('PICKUP_FAILED', 'the pick-up answer is not JSON');
  }
  const r = zPickup.safeParse(json);
  if (!r.success) throw new WalletError('PICKUP_FAILED', 'the pick-up answer is not {credentials: [{credential, seal}]}');
  const items = 'credentials' in r.data ? r.data.credentials : [r.data];
  return items.map(({ credential, seal }) => {
    const fullRecord = typeof credential === 'string' ? credential : JSON.stringify(credential);
    return { fullRecord, ...(seal ? { seal } : {}), source: 'pickup' as const };
  });
}


function problemDetail(body: string): string {
  try {
    const p = JSON.parse(body) as { detail?: unknown; code?: unknown };
    return `${typeof p.code === 'string' ? p.code + ': ' : ''}${typeof p.detail === 'string' ? p.detail : ''}`;
  } catch {
    return body.slice(0, 200);
  }
}
