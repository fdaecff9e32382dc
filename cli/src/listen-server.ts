import http from 'node:http';
import https from 'node:https';
import type { RequestListener, Server } from 'node:http';
import { CliError } from './cli-error.ts';
import type { HttpTimeouts } from './create-http-server.ts';

export interface ListenOptions {
  port: number;
  /** The address to bind; 127.0.0.1 keeps the server to this machine, 0.0.0.0 or :: opens it to the network. */
  host: string;
  /** PEM certificate and key: HTTPS, which phone browsers need before they open the camera. */
  tls?: { cert: Buffer; key: Buffer };
  /** Slow requests are cut (408) after these. */
  timeouts?: HttpTimeouts;
}

/**
 * Binds the port before anything else happens, so a second `lp serve` on a taken port fails with
 * PORT_IN_USE having changed nothing (the DEMO data is prepared only once the port is ours).
 */
export async function listenServer(handler: RequestListener, opts: ListenOptions): Promise<Server> {
  let server: Server;
  try {
    const t = opts.timeouts ? { requestTimeout: opts.timeouts.requestTimeoutMs, headersTimeout: opts.timeouts.headersTimeoutMs, connectionsCheckingInterval: opts.timeouts.checkEveryMs } : {};
    server = opts.tls ? https.createServer({ ...t, cert: opts.tls.cert, key: opts.tls.key }, handler) : http.createServer(t, handler);
  } catch (e) {
    throw new CliError('TLS_INVALID', `the TLS certificate or key cannot be used: ${(e as Error).message}`);
  }
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port: opts.port, host: opts.host });
  }).catch((e: NodeJS.ErrnoException) => {
    const where = `${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${opts.port}`;
    if (e.code === 'EADDRINUSE') throw new CliError('PORT_IN_USE', `port ${opts.port} is already in use on ${opts.host} (another lp serve or npm start?); stop it, or choose another port: --port N or PORT=N`);
    if (e.code === 'EACCES') throw new CliError('PORT_FORBIDDEN', `not allowed to listen on ${where} (ports below 1024 need privileges); choose another: --port N`);
    if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') throw new CliError('HOST_UNAVAILABLE', `cannot listen on ${where}: this machine has no such address (${e.code}); --host 127.0.0.1, 0.0.0.0 or one of its own addresses`);
    throw e;
  });
  return server;
}
