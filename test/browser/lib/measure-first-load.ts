// A first visit of a page as a phone makes it, measured from outside the browser: a TCP proxy in
// front of the real server counts every byte it sends (headers included, compressed as sent) and
// notes every path asked for, the service worker's own fetches too; optionally Chromium's CPU and
// network are throttled through the DevTools protocol (the cheap phone on a slow link).
import net from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface Throttle {
  /** CPU slow-down factor (Emulation.setCPUThrottlingRate), e.g. 6. */
  cpu: number;
  /** Download and upload speed in bytes per second. */
  bytesPerSecond: number;
  /** Added to every request (ms). */
  latencyMs: number;
}

/** One response as it went over the wire: the path asked for, its Content-Type, its bytes (headers included). */
export interface WireResponse {
  path: string;
  status: number;
  contentType: string;
  bytes: number;
  /** When its last byte passed the proxy (Date.now()). */
  at: number;
}

export interface FirstLoad {
  /** ms from navigation start to the first paint (the loading state's bar and spinner are drawn with it). */
  firstPaintMs: number;
  /** ms from navigation start to the first contentful paint (text: the loading state's words). */
  firstContentfulPaintMs: number;
  /** ms from navigation start until the page's code marked the body ready (usable). */
  readyMs: number;
  /** Bytes of the responses complete when the page marked itself ready (its lp-ready mark, by the clock both share). */
  bytesAtReady: number;
  /** Bytes the server sent once the network was idle and the service worker had installed. */
  bytesTotal: number;
  /** Paths asked for, in order (query strings dropped). */
  paths: string[];
  /** Every response the server sent, in the order each was complete, the service worker's too. */
  responses: WireResponse[];
  /** How many of `responses` were complete when the page marked itself ready. */
  responsesAtReady: number;
  /** The live page and its context, for what a test does next; close the context when done. */
  page: Page;
  context: BrowserContext;
  /** Responses complete since the first visit began, up to now. */
  responsesNow(): WireResponse[];
  /** Paths asked for since the first visit began, up to now. */
  pathsNow(): string[];
  /** Bytes sent since the first visit began, up to now. */
  bytesNow(): number;
  close(): Promise<void>;
}

/**
 * Opens `${origin}${pagePath}` in a fresh browser context through a counting proxy and waits until
 * `body[data-ready=true]`, then for the network to be idle and the service worker to be active.
 * `locale` sets the browser's language (navigator.languages), e.g. 'ar' for a reader in Arabic.
 */
export async function measureFirstLoad(browser: Browser, serverPort: number, pagePath: string, throttle?: Throttle, locale?: string): Promise<FirstLoad> {
  let down = 0;
  const paths: string[] = [];
  const responses: WireResponse[] = [];
  const proxy = net.createServer((client) => {
    const up = net.connect(serverPort, '127.0.0.1');
    // HTTP/1.1 answers a connection's requests in order: each response belongs to the oldest open request.
    const asked: { path: string; head: boolean }[] = [];
    const split = splitResponses((r) => {
      const req = asked.shift();
      responses.push({ path: req?.path ?? '?', status: r.status, contentType: r.contentType, bytes: r.bytes, at: Date.now() });
    }, () => asked[0]?.head ?? false);
    client.on('data', (d: Buffer) => {
      for (const m of d.toString('latin1').matchAll(/^(GET|POST|HEAD) (\S+) HTTP\/1\.[01]\r$/gm)) {
        const path = m[2]!.replace(/\?.*$/, '');
        paths.push(path);
        asked.push({ path, head: m[1] === 'HEAD' });
      }
      up.write(d);
    });
    up.on('data', (d: Buffer) => { down += d.length; split(d); client.write(d); });
    up.on('end', () => client.end());
    client.on('end', () => up.end());
    client.on('error', () => up.destroy());
    up.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  const port = (proxy.address() as net.AddressInfo).port;
  const context = await browser.newContext(locale ? { locale } : {});
  const page = await context.newPage();
  const close = async () => {
    await context.close();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  };
  try {
    if (throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpu });
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: throttle.latencyMs, downloadThroughput: throttle.bytesPerSecond, uploadThroughput: throttle.bytesPerSecond });
    }
    // localhost, not 127.0.0.1: a secure context, so that the service worker registers.
    await page.goto(`http://localhost:${port}${pagePath}`, { waitUntil: 'commit' });
    await page.waitForSelector('body[data-ready=true]', { timeout: 180_000 });
    const timing = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-paint')[0];
      const contentful = performance.getEntriesByName('first-contentful-paint')[0];
      const ready = performance.getEntriesByName('lp-ready')[0];
      return { firstPaint: paint ? paint.startTime : NaN, firstContentful: contentful ? contentful.startTime : NaN, ready: ready ? ready.startTime : performance.now(), origin: performance.timeOrigin };
    });
    // Playwright sees the ready body some polls later, when the service worker may already be
    // fetching its precache: what counts is what had arrived at the page's own mark.
    const readyAt = timing.origin + timing.ready;
    const responsesAtReady = responses.filter((r) => r.at <= readyAt).length;
    const bytesAtReady = responses.slice(0, responsesAtReady).reduce((n, r) => n + r.bytes, 0);
    await page.waitForLoadState('networkidle');
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker?.getRegistration();
      const sw = reg?.installing ?? reg?.waiting ?? reg?.active;
      if (sw && sw.state !== 'activated') await new Promise<void>((resolve) => sw.addEventListener('statechange', () => { if (sw.state === 'activated') resolve(); }));
    });
    await page.waitForLoadState('networkidle');
    return {
      firstPaintMs: Math.round(timing.firstPaint),
      firstContentfulPaintMs: Math.round(timing.firstContentful),
      readyMs: Math.round(timing.ready),
      bytesAtReady,
      bytesTotal: down,
      paths: [...paths],
      responses: [...responses],
      responsesAtReady,
      page,
      context,
      pathsNow: () => [...paths],
      responsesNow: () => [...responses],
      bytesNow: () => down,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Cuts a connection's server-to-client byte stream into responses (RFC 9112 §6: Content-Length,
 * chunked, or no body for 1xx/204/304 and HEAD) and reports each one complete with its size on
 * the wire, head included. It only reads; the bytes pass on unchanged.
 */
function splitResponses(onResponse: (r: { status: number; contentType: string; bytes: number }) => void, isHead: () => boolean): (d: Buffer) => void {
  let buf = Buffer.alloc(0);
  let cur: { status: number; contentType: string; bytes: number; left: number; chunked: boolean } | undefined;
  return (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      if (!cur) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        buf = buf.subarray(end + 4);
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
        const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();
        const noBody = isHead() || status < 200 || status === 204 || status === 304;
        const chunked = !noBody && /chunked/i.test(header('transfer-encoding') ?? '');
        cur = { status, contentType: (header('content-type') ?? '').split(';')[0]!, bytes: end + 4, left: noBody || chunked ? 0 : Number(header('content-length') ?? 0), chunked };
        if (status >= 100 && status < 200) { cur = undefined; continue; }
      }
      if (cur.chunked) {
        const line = buf.indexOf('\r\n');
        if (line < 0) return;
        const size = parseInt(buf.subarray(0, line).toString('latin1'), 16);
        const whole = line + 2 + size + 2;
        if (buf.length < whole) return;
        cur.bytes += whole;
        buf = buf.subarray(whole);
        if (size > 0) continue;
      } else {
        const take = Math.min(cur.left, buf.length);
        cur.bytes += take;
        cur.left -= take;
        buf = buf.subarray(take);
        if (cur.left > 0) return;
      }
      onResponse(cur);
      cur = undefined;
    }
  };
}
