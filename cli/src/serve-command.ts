import { parseArgs } from 'node:util';
import type { CliIo } from '@lp/cli-kit';
import { UsageError } from '@lp/cli-kit';
import { startServer } from './server.ts';

const HELP = `usage: lp serve [--port N]

Starts the HTTP server on localhost: issuer API, verifier API and pages, wallet page.
  --port N   port to listen on (default: the PORT variable, else 8080)`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  const portText = values.port ?? io.env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`bad port "${portText}"`);
  const server = await startServer({ port, env: io.env, cwd: io.cwd, demo: true, log: (line) => io.stdout.write(line + '\n') });
  io.stdout.write(`Learning Passport listening on http://localhost:${server.port}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => void server.stop().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
