// Ports for tests: an HTTP app on a free port of this machine (its URL, and a stop that does not
// wait for idle keep-alive connections), or a free port to hand to a process before it starts.
import type { Server } from 'node:http';
import net from 'node:net';
import type { Express } from 'express';

export interface Listening {
  server: Server;
  /** `http://127.0.0.1:<port>`, or `http://localhost:<port>` with `host: 'localhost'` (a secure context for a browser). */
  url: string;
  stop(): Promise<void>;
}

export async function listen(app: Express, host: '127.0.0.1' | 'localhost' = '127.0.0.1'): Promise<Listening> {
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const address = server.address();
  return {
    server,
    url: `http://${host}:${typeof address === 'object' && address ? address.port : 0}`,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A port free on 127.0.0.1 now, for a child process or server that must be told its port before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
