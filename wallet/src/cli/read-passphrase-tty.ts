import type { WalletIo } from './wallet-context.ts';
import { WalletUsageError } from './wallet-context.ts';

/** Reads a line from the terminal with echo off. */
export async function readPassphraseFromTty(io: WalletIo, prompt: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  io.stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  let text = '';
  try {
    for await (const chunk of stdin) {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return text;
        if (ch === '\u0003') throw new WalletUsageError('cancelled');
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
