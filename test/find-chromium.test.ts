// The browser tests' Chromium: an explicit LP_CHROMIUM, else one on PATH, else the build inside
// the npm package, which must run headless here with nothing from apt (its own NSS libraries).
import { afterAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { findChromium, launchTestChromium } from './lib/find-chromium.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-find-chromium-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('findChromium', () => {
  test('LP_CHROMIUM that is not an executable file is an error, not a silent fallback', async () => {
    await expect(findChromium({ LP_CHROMIUM: path.join(dir, 'missing'), PATH: '' })).rejects.toThrow('is not an executable file');
    fs.writeFileSync(path.join(dir, 'not-executable'), '', { mode: 0o644 });
    await expect(findChromium({ LP_CHROMIUM: path.join(dir, 'not-executable'), PATH: '' })).rejects.toThrow('is not an executable file');
  });

  test('LP_CHROMIUM wins over PATH; PATH is searched for chromium', async () => {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'chromium'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'my-chrome'), '#!/bin/sh\n', { mode: 0o755 });
    expect(await findChromium({ PATH: `${path.join(dir, 'nothing')}${path.delimiter}${bin}` })).toMatchObject({ source: 'PATH', executablePath: path.join(bin, 'chromium') });
    expect(await findChromium({ PATH: bin, LP_CHROMIUM: path.join(dir, 'my-chrome') })).toMatchObject({ source: 'LP_CHROMIUM', executablePath: path.join(dir, 'my-chrome') });
  });

  test('with no chromium on PATH, the npm build is unpacked once and runs headless (its own NSS, fonts)', async () => {
    const found = await findChromium({ PATH: path.join(dir, 'empty') });
    expect(found.source).toBe('@sparticuz/chromium');
    expect(found.executablePath.startsWith(os.tmpdir())).toBe(true);
    expect(found.env.LD_LIBRARY_PATH!.split(':')[0]).toBe(path.join(path.dirname(found.executablePath), 'lib'));
    expect(fs.existsSync(path.join(path.dirname(found.executablePath), 'lib', 'libnss3.so'))).toBe(true);
    expect(await findChromium({ LP_CHROMIUM: 'npm', PATH: '' })).toEqual(found); // already unpacked: the same folder
    const pkg = path.resolve(path.dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', '..', 'package.json');
    const major = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version.split('.')[0];
    const browser = await launchTestChromium([], found);
    try {
      expect(browser.version().split('.')[0]).toBe(major);
      const page = await browser.newPage();
      await page.setContent('<p id="x">مرحبا</p>');
      expect(await page.textContent('#x')).toBe('مرحبا');
    } finally {
      await browser.close();
    }
  });
});
