import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { decodeList, DEFAULT_MAX_LIST_BYTES, StatusError, zStatusListCredential } from '@lp/status';
import type { StatusListFetcher, StatusListFetchResult } from '@lp/verify';
import { isPrivateAddress } from './is-private-address.ts';
import { createGuardedFetch, HostRefusedError } from './create-guarded-fetch.ts';
import { readCapped } from '../lib/read-capped.ts';

/** The fetch function used (the WHATWG one; tests pass the global fetch against a local server). */
export type FetchFunction = (url: string, init: { signal: AbortSignal; redirect: 'error'; headers: Record<string, string> }) => Promise<Response>;

export interface StatusListFetcherOptions {
  fetch?: FetchFunction;
  /** Resolves a host name to its addresses (default: the system resolver, every address). */
  lookup?: (hostname: string) => Promise<string[]>;
  /** Hosts (names or addresses) that may be fetched even when private or loopback. */
  allowHosts?: readonly string[];
  /** The whole fetch, body included, must end within this time. Default 5 s. */
  timeoutMs?: number;
  /** The list's bits may inflate to at most this many bytes. Default 16 MiB. */
  maxListBytes?: number;
  /** A fetched list is reused for at most this long (less when its Cache-Control max-age says so). Default 300 s. */
  cacheSeconds?: number;
  /** At most this many lists are held (the oldest fetched is dropped first). Default 256. */
  cacheEntries?: number;
  now?: () => Date;
}

/** Codes of a status list the server could not fetch (the status check is then UNKNOWN with it). */
export type StatusFetchCode =
  | 'STATUS_FETCH_URL_INVALID'
  | 'STATUS_FETCH_HOST_REFUSED'
  | 'STATUS_FETCH_TIMEOUT'
  | 'STATUS_FETCH_FAILED'
  | 'STATUS_LIST_TOO_LARGE'
  | 'STATUS_LIST_NOT_BITSTRING';

export const STATUS_FETCH_TIMEOUT_MS = 5000;

/**
 * The server's online status-list fetch (VC Bitstring Status List §3.2, "dereference the
 * statusListCredential URL"), as Digital Bazaar's and the DCC's verifiers do when they hold no
 * copy. An attacker chooses the URL (it is in the credential), so: http(s) only, no redirects, no
 * private or loopback address unless allowed, a time bound on the whole exchange, a size bound on
 * the body and on the inflated bits, and the document must be a BitstringStatusListCredential.
 * The proof and issuer of the list are checked by the pipeline (@lp/verify), not here.
 * Lists are cached with the time they were fetched, which the status check reports as its age.
 */
export function createStatusListFetcher(opts: StatusListFetcherOptions = {}): StatusListFetcher {
  const allow = new Set((opts.allowHosts ?? []).map((h) => h.toLowerCase()));
  // The default checks the address it connects to as well (DNS rebinding); the check below gives
  // the clear refusal before any connection.
  const doFetch: FetchFunction = opts.fetch ?? createGuardedFetch(allow);
  const lookup = opts.lookup ?? (async (host: string) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address));
  const timeoutMs = opts.timeoutMs ?? STATUS_FETCH_TIMEOUT_MS;
  const maxListBytes = opts.maxListBytes ?? DEFAULT_MAX_LIST_BYTES;
  // The JSON around a list is small; its encodedList is base64url of GZIP, at most ~4/3 of the bits.
  const maxBodyBytes = Math.ceil((maxListBytes * 4) / 3) + 64 * 1024;
  const cacheMs = (opts.cacheSeconds ?? 300) * 1000;
  const cacheEntries = opts.cacheEntries ?? 256;
  const now = opts.now ?? (() => new Date());
  const cache = new Map<string, { credential: Record<string, unknown>; fetchedAt: Date; keepMs: number }>();
  const fail = (code: StatusFetchCode, message: string): StatusListFetchResult => ({ ok: false, code, message });

  return async (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return fail('STATUS_FETCH_URL_INVALID', 'not a URL');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return fail('STATUS_FETCH_URL_INVALID', `only http and https are fetched, not ${parsed.protocol}`);
    if (parsed.username || parsed.password) return fail('STATUS_FETCH_URL_INVALID', 'a URL with credentials is not fetched');
    const held = cache.get(url);
    if (held && now().getTime() - held.fetchedAt.getTime() < held.keepMs) return { ok: true, credential: held.credential, fetchedAt: held.fetchedAt };

    // One deadline for everything: name resolution, connection, headers and body.
    const signal = AbortSignal.timeout(timeoutMs);
    const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (!allow.has(host) && !allow.has(parsed.host.toLowerCase())) {
      let addresses: string[];
      try {
        addresses = isIP(host) ? [host] : await untilAborted(lookup(host), signal);
      } catch (err) {
        if (signal.aborted) return fail('STATUS_FETCH_TIMEOUT', `the host ${host} did not resolve within ${timeoutMs} ms`);
        return fail('STATUS_FETCH_FAILED', `the host ${host} does not resolve (${(err as { code?: string }).code ?? 'error'})`);
      }
      if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
        return fail('STATUS_FETCH_HOST_REFUSED', `the host ${host} is a private, loopback or reserved address: not fetched`);
      }
    }

    let text: string;
    let keepMs = cacheMs;
    try {
      const res = await doFetch(url, { signal, redirect: 'error', headers: { accept: 'application/vc+ld+json, application/vc, application/json' } });
      if (res.status !== 200) {
        await res.body?.cancel().catch(() => undefined);
        return fail('STATUS_FETCH_FAILED', `HTTP ${res.status}`);
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        await res.body?.cancel().catch(() => undefined);
        return fail('STATUS_LIST_TOO_LARGE', `the response is ${declared} bytes, over ${maxBodyBytes}`);
      }
      // The issuer's max-age bounds how long its answer may be reused (Bitstring Status List §6.4).
      const cc = res.headers.get('cache-control') ?? '';
      const maxAge = /(?:^|,)\s*max-age=(\d+)/i.exec(cc);
      if (/no-store|no-cache/i.test(cc)) keepMs = 0;
      else if (maxAge) keepMs = Math.min(cacheMs, Number(maxAge[1]) * 1000);
      const body = await readCapped(res, maxBodyBytes);
      if (body === undefined) return fail('STATUS_LIST_TOO_LARGE', `the response is over ${maxBodyBytes} bytes`);
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch (err) {
      if (signal.aborted) return fail('STATUS_FETCH_TIMEOUT', `no complete answer within ${timeoutMs} ms`);
      if (err instanceof HostRefusedError) return fail('STATUS_FETCH_HOST_REFUSED', err.message);
      return fail('STATUS_FETCH_FAILED', (err as Error).message);
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail('STATUS_LIST_NOT_BITSTRING', 'the answer is not JSON');
    }
    const list = zStatusListCredential.safeParse(json);
    if (!list.success) return fail('STATUS_LIST_NOT_BITSTRING', `not a BitstringStatusListCredential: ${list.error.issues[0]?.message ?? ''}`);
    try {
      decodeList(list.data.credentialSubject.encodedList, { maxBytes: maxListBytes });
    } catch (err) {
      if (err instanceof StatusError && err.code === 'STATUS_LIST_TOO_LARGE') return fail('STATUS_LIST_TOO_LARGE', err.message);
      // Other defects (malformed, too short) are the pipeline's to report once the proof is checked.
    }
    const fetchedAt = now();
    const credential = json as Record<string, unknown>;
    cache.delete(url);
    if (keepMs > 0) cache.set(url, { credential, fetchedAt, keepMs });
    while (cache.size > cacheEntries) cache.delete(cache.keys().next().value!);
    return { ok: true, credential, fetchedAt };
  };
}

/** The promise's value, or a rejection as soon as the signal aborts (a hung resolver cannot hold us). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}
