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
  if (first.length === 0) throw new UsageError('empty passphrase');
  if (opts.confirm) {
    const second = await promptHidden(io, 'Again: ');
    if (first !== second) throw new UsageError('the passphrases differ');
  }
  return first;
}

/**
 * Reads one line from the terminal with echo off.
 *
 * A plain 'data' listener, not `for await (… of stdin)`: leaving an async iterator early destroys
 * the stream, so a second prompt (the "Again:" of a new passphrase) would read from a destroyed
 * stdin and fail with ABORT_ERR. Whatever was typed past the Enter key (a pasted second line) is
 * pushed back for the next prompt.
 */
export async function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  // Echo off before the prompt shows: the terminal applies a mode change only once the prompt has
  // drained, and keys typed in between would be echoed.
  stdin.setRawMode?.(true);
  io.stderr.write(prompt);
  let text = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const done = (err: Error | undefined, value = '', rest = '') => {
        stdin.off('data', onData);
        stdin.off('end', onEnd);
        stdin.off('error', onError);
        stdin.pause();
        if (rest) stdin.unshift(Buffer.from(rest, 'utf8'));
        if (err) reject(err);
        else resolve(value);
      };
      const onData = (chunk: Buffer | string) => {
        const s = String(chunk);
        for (let i = 0; i < s.length; i++) {
          const ch = s[i]!;
          if (ch === '\r' || ch === '\n') {
            // A terminal in cooked mode, or a paste, may send "\r\n": one Enter, not two.
            const next = s[i + 1] === '\n' && ch === '\r' ? i + 2 : i + 1;
            done(undefined, text, s.slice(next));
            return;
          }
          if (ch === '\u0003') { done(new UsageError('cancelled')); return; }
          if (ch === '\u0004' && text.length === 0) { done(new UsageError('cancelled')); return; }
          if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
          else text += ch;
        }
      };
      const onEnd = () => done(undefined, text);
      const onError = (err: Error) => done(err);
      stdin.on('data', onData);
      stdin.once('end', onEnd);
      stdin.once('error', onError);
      stdin.resume();
    });
  } finally {
    stdin.setRawMode?.(false);
    io.stderr.write('\n');
  }
}
