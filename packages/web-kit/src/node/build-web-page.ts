import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

export interface BuiltPage {
  js: Uint8Array;
  /** gzip size of the JavaScript (what the page transfers). */
  gzipBytes: number;
  etag: string;
}

// zod's v4/ folder, where its entry `zod/v4` lives.
const ZOD_V4 = path.dirname(createRequire(import.meta.url).resolve('zod/v4'));

/**
 * zod's error messages in its 40-odd other languages: `z` re-exports them as `z.locales`, so
 * esbuild keeps them all (261 KB of 1.5 MB minified, measured on the verifier page). The pages
 * never switch zod's language (our messages are our own, by code), so they get English only: the
 * locale zod installs by default, imported by zod's schemas directly, not through this index.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)) return undefined;
      return { path: 'zod-locales', namespace: 'lp-zod-english' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lp-zod-english' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(ZOD_V4, 'locales', 'en.js'))};`,
      resolveDir: ZOD_V4,
      loader: 'js',
    }));
  },
};
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
    charset: 'utf8',
    loader: { '.json': 'json' },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    plugins: [zodEnglishOnly],
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
