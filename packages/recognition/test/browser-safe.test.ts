// The package is for pages too: it must bundle for the browser with nothing from Node, and the
// bundle must carry the dataset (no file is read at run time).
import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

describe('browser-safe', () => {
  it('bundles for the browser and places a learner from the bundle alone', async () => {
    const out = await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
      // For the browser platform esbuild refuses Node built-ins: a `node:fs` import fails here
      // rather than on a school's tablet.
      bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    expect(code).not.toMatch(/from ["']node:/);
    expect(code).toContain('SYR,SY,Syrian Arab Republic,6,6,12,3,15,3,2023,9');
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as typeof import('../src/index.ts');
    const summary = mod.summariseLearning({ results: [], selfDeclared: [{ country: 'SY', grade: 6, date: '2023-06' }], now: new Date('2024-12-20T00:00:00Z') });
    const s = mod.suggestPlacement({ summary, birthDate: '2011-05-02', host: 'JO', now: new Date('2024-12-20T00:00:00Z') });
    expect(s.placement).toEqual({ kind: 'grade', grade: 7, iscedLevel: 2 });
  });
});
