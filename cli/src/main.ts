import { readFileSync } from 'node:fs';
import { parseCommonIo, type CliIo } from '@lp/cli-kit';
import { UsageError } from '@lp/cli-kit';

/** A command group of `lp`: resolves lazily so that `lp --help` does not load every app. */
type Group = { summary: string; load: () => Promise<{ run: (argv: string[], io: CliIo) => Promise<number> }> };

const GROUPS: Record<string, Group> = {
  serve: { summary: 'start the HTTP server (issuer API, verifier, wallet pages)', load: () => import('./serve-command.ts') },
  trust: { summary: 'trust bundles: create an anchor key, build and show bundles', load: () => import('./trust-command.ts') },
  keys: { summary: 'Ed25519 signing keys: create an encrypted key file, show its DID', load: () => import('./keys-command.ts') },
  sign: { summary: 'sign a credential (Data Integrity or vc+jwt) with an encrypted key file', load: () => import('./sign-command.ts') },
  issuer: { summary: 'examination body: init, catalogue, revoke/suspend, API keys, trust fragment', load: () => import('@lp/issuer').then((m) => ({ run: m.runIssuerCommand })) },
  wallet: { summary: 'learner wallet: profiles, import/receive, show, QR, backup/restore, paper backup, presentations', load: () => import('@lp/wallet').then((m) => ({ run: m.runWalletCommand })) },
  recognise: { summary: 'recognition of prior learning: learner summary and an advisory placement from verified records', load: () => import('./recognise-command.ts') },
  verify: { summary: 'verify offline: a QR seal (photo or LP1 text) or a full record (Data Integrity JSON or vc+jwt), with a trust bundle', load: () => import('@lp/verifier/cli') },
};

/** Lets app packages add their command groups without this file importing them eagerly. */
export function registerGroup(name: string, group: Group): void {
  GROUPS[name] = group;
}

function usage(): string {
  const rows = Object.entries(GROUPS).map(([n, g]) => `  lp ${n.padEnd(10)} ${g.summary}`);
  return ['Learning Passport', '', 'usage: lp <group> <command> [options]', '', ...rows, '', 'lp <group> --help for details; lp --version'].join('\n');
}

/** The version of the repository's package.json: what a bug report should name. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return `lp ${String(pkg.version)} (Learning Passport, Node ${process.version})`;
}

export async function main(argv: string[], io: CliIo = parseCommonIo()): Promise<number> {
  const [group, ...rest] = argv;
  if (group === '--version' || group === '-V' || group === 'version') {
    io.stdout.write(version() + '\n');
    return 0;
  }
  if (!group || group === '--help' || group === '-h' || group === 'help') {
    io.stdout.write(usage() + '\n');
    return group ? 0 : 2;
  }
  const g = GROUPS[group];
  if (!g) {
    io.stderr.write(`lp: unknown command "${group}"\n\n${usage()}\n`);
    return 2;
  }
  try {
    const mod = await g.load();
    return await mod.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`lp ${group}: ${err.message}\n`);
      return 2;
    }
    const e = err as { code?: unknown; message?: unknown };
    // Coded errors from our packages are expected failures (bad file, wrong passphrase…): print
    // the code and message, never a stack trace.
    if (typeof e?.code === 'string') {
      io.stderr.write(`lp ${group}: ${e.code}: ${String(e.message)}\n`);
      return 2;
    }
    io.stderr.write(`lp ${group}: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}
