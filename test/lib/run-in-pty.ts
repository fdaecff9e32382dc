// Runs `lp …` in a real pseudo-terminal: util-linux `script` (package bsdutils, Essential in
// Debian, so present wherever Node is) allocates the pty, so the program sees isTTY, raw mode and
// echo exactly as on a person's terminal. Input is typed only after the prompt appears, as a
// person would.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LP = fileURLToPath(new URL('../../cli/bin/lp.js', import.meta.url));

export interface PtyRun {
  /** Waits until the output (CR LF folded to LF) holds `times` matches, then resolves with it. */
  waitFor(pattern: RegExp, times?: number): Promise<string>;
  /** Types text on the terminal (use "\r" for Enter, as a keyboard sends it). */
  type(text: string): void;
  /** The exit status of `lp` and everything the terminal showed. */
  done: Promise<{ code: number; output: string }>;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** True when util-linux `script` is on PATH; the tests say so instead of hanging when it is not. */
export function hasScript(): boolean {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function runLpInPty(args: string[], opts: { cwd: string; env: Record<string, string> }): PtyRun {
  const command = [process.execPath, LP, ...args].map(quote).join(' ');
  // -e: script exits with the program's status; -f: flush every write; -q: no banner.
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SHELL: '/bin/sh', TERM: 'dumb', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let closed = false;
  const waiters: { seen: () => boolean; resolve: (s: string) => void }[] = [];
  const count = (pattern: RegExp) => output.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
  const onData = (b: Buffer) => {
    output += b.toString('utf8').replace(/\r\n/g, '\n');
    for (const w of [...waiters]) {
      if (w.seen()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(output);
      }
    }
  };
  child.stdin.on('error', () => {}); // typing after the program ended: the caller's assertions report it
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const done = new Promise<{ code: number; output: string }>((resolve) => {
    child.once('close', (code) => {
      closed = true;
      child.stdin.end();
      for (const w of waiters) w.resolve(output); // the caller's expectation then fails on the text
      resolve({ code: code ?? -1, output });
    });
  });
  return {
    waitFor: (pattern, times = 1) => {
      const seen = () => count(pattern) >= times;
      // After the program ended nothing more will come: resolve, and the caller's assertions say why.
      return seen() || closed ? Promise.resolve(output) : new Promise((resolve) => waiters.push({ seen, resolve }));
    },
    type: (text) => { child.stdin.write(text); },
    done,
  };
}
