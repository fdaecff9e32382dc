// The wallet page's OpenID4VCI/VP code (the @openid4vc libraries) is a chunk loaded when an offer
// or a request first arrives: a first visit neither runs it nor waits for it.
import { describe, expect, it } from '@jest/globals';
import { buildWalletPageOnce } from '../src/web/create-wallet-web-router.ts';

// Strings only that code carries: the pre-authorized code grant (OpenID4VCI §4.1.1), the DCQL
// request parameter (OpenID4VP 1.0 §5.1) and the libraries' own request error.
const MARKERS = ['urn:ietf:params:oauth:grant-type:pre-authorized_code', 'dcql_query', 'transaction_data'];

describe('wallet page code', () => {
  it('keeps OpenID4VCI/VP out of the first load, in a chunk of its own loaded on use', async () => {
    const built = await buildWalletPageOnce();
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    const chunks = built.chunks ?? new Map<string, Uint8Array>();
    const preload = built.preload ?? [];
    const first = [text(built.js), ...preload.map((p) => text(chunks.get(p)!))].join('\n');
    const openid = [...chunks].filter(([name]) => /^chunks\/openid-/.test(name));
    expect(openid).toHaveLength(1);
    expect(preload).not.toContain(openid[0]![0]);
    for (const marker of MARKERS) {
      expect([marker, first.includes(marker)]).toEqual([marker, false]);
      expect([marker, [...chunks].some(([name, b]) => !preload.includes(name) && text(b).includes(marker))]).toEqual([marker, true]);
    }
    // The entry asks for that chunk only by import().
    expect(text(built.js)).toMatch(new RegExp(`import\\(["']\\./${openid[0]![0].replace(/\./g, '\\.')}["']\\)`));
  }, 120_000);
});
