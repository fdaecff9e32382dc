import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BUNDLED } from '../src/lib/bundled.ts';
import { CONTEXT_FILES } from '../src/lib/context-files.ts';
import { readPins, renderBundled } from '../scripts/generate.ts';
import { CONTEXT_URLS, contextDigests } from '../src/index.ts';

const dir = new URL('../contexts/', import.meta.url);

describe('generated bundled.ts', () => {
  it('equals what scripts/generate.ts renders from the files (regenerate after editing contexts/)', () => {
    expect(readFileSync(new URL('../src/lib/bundled.ts', import.meta.url), 'utf8')).toBe(renderBundled());
  });

  it.each(CONTEXT_FILES.map((c) => [c.file, c.url] as const))('%s: raw text and pin match the file and SHA256SUMS', (file, url) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const entry = BUNDLED.find((b) => b.url === url);
    expect(entry?.text).toBe(text);
    const digest = createHash('sha256').update(readFileSync(new URL(file, dir))).digest('hex');
    expect(entry?.sha256).toBe(digest);
    expect(readPins().get(file)).toBe(digest);
    expect(contextDigests()[url]).toBe(digest);
  });

  it('lists every bundled URL once', () => {
    expect(new Set(CONTEXT_URLS).size).toBe(CONTEXT_FILES.length);
    expect(CONTEXT_URLS).toContain('https://w3id.org/learning-passport/v1');
  });
});
