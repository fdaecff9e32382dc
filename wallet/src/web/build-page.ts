import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface BuiltWalletPage {
  js: Uint8Array;
  gzipBytes: number;
  etag: string;
}

/** Bundles the wallet page for the browser, in memory, at server start (no build step for `npm start`). */
export async function buildWalletPage(entry: string): Promise<BuiltWalletPage> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    loader: { '.json': 'json' },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]!.contents;
  return { js, gzipBytes: gzipSync(js, { level: 9 }).length, etag: `"${createHash('sha256').update(js).digest('hex').slice(0, 16)}"` };
}
