import type { CliIo } from './cli-io.ts';
import { UsageError } from './usage-error.ts';

/**
 * The passphrase for key files, vaults and backups: the variable (LP_PASSPHRASE, or another such as
 * LP_BACKUP_PASSPHRASE, which falls back to LP_PASSPHRASE), else a prompt on the terminal with echo
 * off. Without a terminal and without the variable it is a usage error, never a hang.
 */
export async function readPassphrase(
  io: CliIo,
  prompt = 'Passphrase: ',
  opts: { confirm?: boolean; variable?: string } = {},
): Promise<string> {
  const variable = opts.variable ?? 'LP_PASSPHRASE';
  const fromEnv = io.env[variable] || io.env.LP_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.stdin.isTTY) throw new UsageError(`no passphrase: set ${variable} or run in a terminal`);
  const first = await promptHidden(io, prompt);
  if (opts.confirm) {
    const second = await promptHidden(io, 'Again: ');
    if (first !== second) throw new UsageError('the passphrases differ');
  }
  if (first.length === 0) throw new UsageError('empty passphrase');
  return first;
}

/** Reads one line from the terminal with echo off. */
export async function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  io.stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  let text = '';
  try {
    for await (const chunk of stdin) {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return text;
        if (ch === '\u0003') throw new UsageError('cancelled');
        if (ch === '\u007f') text = text.slice(0, -1);
        else text += ch;
      }
    }
    return text;
  } finally {
    stdin.setRawMode?.(false);
    stdin.pause();
    io.stderr.write('\n');
  }
}
