// verifier-core 1.0.0-beta.11 builds its document loader inside the module
// (`securityLoader({ fetchRemoteContexts: true })`) and its public options are only
// `{credential, knownDIDRegistries}` (and `challenge` for presentations): there is no loader to
// hand it. Its loader fetches what it does not hold through global fetch, so that is where the
// test keeps it offline: loopback requests reach the real local issuer server, the published
// standard contexts that verifier-core does not ship (CLR 2.0.1) are answered with the bytes we
// pin in @lp/contexts, and everything else is refused and recorded so the test can assert on it.
import { loadBundledContext } from '@lp/contexts';

/** Standard contexts another verifier may need to load: the CLR 2.0.1 context is in no npm package. */
export const STANDARD_CONTEXTS_SERVED = ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json'] as const;

export interface OfflineFetch {
  /** Every URL requested, in order. */
  requested: string[];
  /** URLs refused because they would have left the machine. */
  refused: string[];
  /** Answers `url` from `local` from now on, as a permanent URL that redirects there would. */
  redirect(url: string, local: string): void;
  /** Answers `url` with this JSON from now on, as the site that publishes it would. */
  serveJson(url: string, body: unknown): void;
  restore(): void;
}

export function installOfflineFetch(): OfflineFetch {
  const original = globalThis.fetch;
  const requested: string[] = [];
  const refused: string[] = [];
  const redirects = new Map<string, string>();
  const served = new Map<string, string>();
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    requested.push(url);
    const json = served.get(url);
    if (json !== undefined) return new Response(json, { status: 200, headers: { 'content-type': 'application/json' } });
    const local = redirects.get(url);
    if (local !== undefined) return original(local, init);
    const host = new URL(url).hostname;
    if (host === '127.0.0.1' || host === 'localhost') return original(input, init);
    if ((STANDARD_CONTEXTS_SERVED as readonly string[]).includes(url)) {
      return new Response(JSON.stringify(loadBundledContext(url)), { status: 200, headers: { 'content-type': 'application/ld+json' } });
    }
    refused.push(url);
    throw new TypeError(`fetch failed: ${url} is off this machine (tests run offline)`);
  }) as typeof fetch;
  return {
    requested, refused,
    redirect: (url, local) => { redirects.set(url, local); },
    serveJson: (url, body) => { served.set(url, JSON.stringify(body)); },
    restore: () => { globalThis.fetch = original; },
  };
}
