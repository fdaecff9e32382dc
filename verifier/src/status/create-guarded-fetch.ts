import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import type { FetchFunction } from './create-status-list-fetcher.ts';
import { isPrivateAddress } from './is-private-address.ts';

/** Raised inside the connection when a host resolves to an address that may not be called. */
export class HostRefusedError extends Error {
  override readonly name = 'HostRefusedError';
  readonly code = 'STATUS_FETCH_HOST_REFUSED';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A GET that checks the address it actually connects to, not only the one a first lookup gave:
 * a host name that resolves to a public address when checked and to 127.0.0.1 when connecting
 * (DNS rebinding) is refused at connect time. Hosts in `allowHosts` skip the check. No redirect is
 * followed (the answer's 3xx status is returned as it is).
 */
export function createGuardedFetch(allowHosts: ReadonlySet<string>): FetchFunction {
  return (url, init) => new Promise<Response>((resolve, reject) => {
    const u = new URL(url);
    const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const allowed = allowHosts.has(host) || allowHosts.has(u.host.toLowerCase());
    if (!allowed && isIP(host) && isPrivateAddress(host)) {
      reject(new HostRefusedError(`${host} is a private, loopback or reserved address`));
      return;
    }
    const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '');
        if (!allowed && addresses.some((a) => isPrivateAddress(a.address))) {
          return callback(new HostRefusedError(`${hostname} resolves to a private, loopback or reserved address`), '');
        }
        if (options.all) return callback(null, addresses);
        const first = addresses[0];
        if (!first) {
          const none: NodeJS.ErrnoException = new Error(`${hostname} has no address`);
          none.code = 'ENOTFOUND';
          return callback(none, '');
        }
        callback(null, first.address, first.family);
      });
    };
    const request = (u.protocol === 'https:' ? https : http).request(u, { method: 'GET', headers: init.headers, signal: init.signal, lookup: lookup as never });
    request.once('error', reject);
    request.once('response', (res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(res.headers)) {
        if (typeof v === 'string') headers.set(k, v);
        else if (Array.isArray(v)) for (const x of v) headers.append(k, x);
      }
      const status = res.statusCode ?? 502;
      const empty = status === 204 || status === 304 || (status >= 100 && status < 200);
      if (empty) res.resume();
      resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers }));
    });
    request.end();
  });
}
