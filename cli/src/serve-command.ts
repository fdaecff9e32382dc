import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from '@lp/cli-kit';
import { UsageError } from '@lp/cli-kit';
import { CliError } from './cli-error.ts';
import { startServer } from './server.ts';

const HELP = `usage: lp serve [--port N] [--host ADDRESS] [--tls-cert CERT.pem --tls-key KEY.pem]

Starts the HTTP server: issuer API, verifier API and pages, wallet page.
  --port N          port to listen on (default: the PORT variable, else 8080)
  --host ADDRESS    address to listen on (default: the LP_HOST variable, else 127.0.0.1, which only
                    this computer can reach); 0.0.0.0 lets phones and other computers on the same
                    network open the pages
  --tls-cert FILE   PEM certificate and key (or LP_TLS_CERT / LP_TLS_KEY): serve HTTPS. A phone
  --tls-key FILE    opens its camera only on https:// pages (or localhost); how, also behind a
                    reverse proxy: README "Phones on the school's network"`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  const portText = values.port ?? io.env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`bad port "${portText}"`);
  const host = (values.host ?? io.env.LP_HOST ?? '127.0.0.1').trim();
  if (host === '') throw new UsageError('empty --host');
  const tls = readTls(values['tls-cert'] ?? io.env.LP_TLS_CERT, values['tls-key'] ?? io.env.LP_TLS_KEY, io.cwd);
  const server = await startServer({ port, host, ...(tls ? { tls } : {}), env: io.env, cwd: io.cwd, demo: true, log: (line) => io.stdout.write(line + '\n') });
  const scheme = tls ? 'https' : 'http';
  // One write: whoever reads the output sees the 'listening' line and its hints as one block.
  const lines = [`Learning Passport listening on ${scheme}://localhost:${server.port} (bound to ${host})`, ...networkHints(host, scheme, server.port)];
  io.stdout.write(lines.map((line) => `${line}\n`).join(''));
  await new Promise<void>((resolve) => {
    const stop = () => void server.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

function readTls(cert: string | undefined, key: string | undefined, cwd: string): { cert: Buffer; key: Buffer } | undefined {
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new UsageError('give both --tls-cert and --tls-key (or LP_TLS_CERT and LP_TLS_KEY)');
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(path.resolve(cwd, file));
    } catch (e) {
      throw new CliError('TLS_FILE', `cannot read the TLS ${what} ${file}: ${(e as Error).message}`);
    }
  };
  return { cert: read(cert, 'certificate'), key: read(key, 'key') };
}

/** What to type on a phone: the server's addresses on the local network, when it listens on them. */
function networkHints(host: string, scheme: string, port: number): string[] {
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') {
    return ['Only this computer can open the pages; for phones on the same network: --host 0.0.0.0 (README "Phones on the school\'s network")'];
  }
  const wildcard = host === '0.0.0.0' || host === '::';
  const addresses = wildcard
    ? Object.values(os.networkInterfaces()).flat().filter((a) => a && !a.internal && a.family === 'IPv4').map((a) => a!.address)
    : [host];
  const lines = addresses.map((a) => `On the network: ${scheme}://${a.includes(':') ? `[${a}]` : a}:${port}/verify`);
  if (scheme === 'http') lines.push('Phones open the camera only on https:// pages: --tls-cert/--tls-key or a reverse proxy (README)');
  return lines;
}
