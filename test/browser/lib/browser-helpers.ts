// Shared by the browser tests: the real server as a child process (`lp serve --port 0`, fresh
// LP_DATA_DIR so that the DEMO is seeded as on a fresh clone), Chromium with a fake camera
// playing a Y4M made from a PNG (Chromium itself is found by test/lib/find-chromium.ts), and the
// screenshots folder.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { decodeImageFile, writeY4m } from '@lp/qr/node';
import { fakeCameraArgs, launchTestChromium } from '../../lib/find-chromium.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const LP = path.join(ROOT, 'cli/bin/lp.js');
export const SCREENSHOTS = path.join(ROOT, 'test/out/screenshots');

export interface ServerProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `node cli/bin/lp.js serve --port 0` with a fresh data directory; resolves when it listens. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-browser-'));
  const child = spawn(process.execPath, [LP, 'serve', '--port', '0'], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LP_DATA_DIR: path.join(dataDir, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 150_000); // first start seeds the DEMO issuer
    const onData = () => {
      const m = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${out}`)); });
  });
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) { resolve(); return; }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { url, dataDir: path.join(dataDir, 'data'), child, output: () => out, stop };
}

/** A 640x480 Y4M showing the PNG (letterboxed on white), for --use-file-for-fake-video-capture. */
export function y4mFromPng(png: Uint8Array, file: string): string {
  fs.writeFileSync(file, writeY4m([decodeImageFile(png)], 640, 480, 10));
  return file;
}

/** Chromium from test/lib/find-chromium.ts (LP_CHROMIUM, PATH, else the npm build), with a fake camera playing `fakeVideo`. */
export async function launchChromium(fakeVideo?: string): Promise<Browser> {
  return launchTestChromium(fakeVideo ? fakeCameraArgs(fakeVideo) : []);
}

export function demoFiles(dataDir: string): { learner: string; png: string; seal: string; record: string; bundle: string } {
  const learner = path.join(dataDir, 'demo', 'amina-haddad');
  return {
    learner,
    png: path.join(learner, 'demo-math.png'),
    seal: path.join(learner, 'demo-math.seal.txt'),
    record: path.join(learner, 'demo-math.json'),
    bundle: path.join(dataDir, 'demo', 'bundle.json'),
  };
}

/**
 * Chooses a language in the page's list and waits until the page has applied it, including the
 * verdict on show, which the verifier page renders again in the new language.
 */
export async function chooseLanguage(p: Page, lang: string): Promise<void> {
  await p.selectOption('#lang', lang);
  await p.waitForFunction((l) => {
    const result = document.getElementById('result');
    return document.documentElement.lang === l && (result === null || result.hidden || result.dataset.lang === l);
  }, lang);
}

/** The verifier page's result as its test hook (`__lp.result`) holds it. */
export interface PageResult { verdict: string; checks: { id: string; status: string; code: string }[] }

/** Verifies text pasted on the verifier page, waits for its verdict (`body[data-verdict]`) and returns the result. */
export async function pasteAndVerify(p: Page, text: string): Promise<PageResult> {
  await p.evaluate(() => {
    delete document.body.dataset.verdict;
    (document.querySelector('details.paste') as HTMLDetailsElement).open = true;
  });
  await p.fill('#paste-text', text);
  await p.click('#paste-verify');
  await p.waitForSelector('body[data-verdict]');
  return p.evaluate(() => (globalThis as unknown as { __lp: { result: PageResult } }).__lp.result);
}
