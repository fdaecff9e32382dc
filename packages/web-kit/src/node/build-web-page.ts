import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface BuiltPage {
  js: Uint8Array;
  /** gzip size of the JavaScript (what the page transfers). */
  gzipBytes: number;
  etag: string;
}

/**
 * Bundles a page's browser entry with esbuild, in memory, at server start (`npm start` needs no
 * build step). platform 'browser' makes esbuild use the browser fields of jsonld and friends;
 * node builtins are refused rather than polyfilled: the packages are browser-safe by rule.
 */
export async function buildWebPage(entry: string): Promise<BuiltPage> {
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
  const gz = gzipSync(js, { level: 9 });
  return { js, gzipBytes: gz.length, etag: `"${createHash('sha256').update(js).digest('hex').slice(0, 16)}"` };
}

const built = new Map<string, Promise<BuiltPage>>();
/** buildWebPage, once per entry file and process: every router and bench share one bundle. */
export function buildWebPageOnce(entry: string): Promise<BuiltPage> {
  let page = built.get(entry);
  if (!page) {
    page = buildWebPage(entry);
    built.set(entry, page);
  }
  return page;
}
