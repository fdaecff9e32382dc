import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

export interface BuiltPage {
  /** The entry, served as `app.js`. */
  js: Uint8Array;
  /** gzip size of what the first load runs: the entry and the chunks it imports statically. */
  gzipBytes: number;
  etag: string;
  /**
   * The other chunks by path under the page (`chunks/<name>-<hash>.js`, named by content, so kept
   * a year): the parts the entry shares with its import()s, and each part loaded only when used.
   */
  chunks?: ReadonlyMap<string, Uint8Array>;
  /** The chunks the entry imports statically: the HTML asks for them at once (modulepreload). */
  preload?: readonly string[];
  /** gzip size of the chunks only loaded by import() (photo/camera decoders, full records…). */
  lazyGzipBytes?: number;
}

// esbuild's virtual output folder (write: false): only the paths relative to it matter.
const OUT = '/lp-page';

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
// Our workspace packages' sources (packages/<name>/src), where every module only defines things.
const OUR_PACKAGES = /[\\/]packages[\\/][a-z-]+[\\/]src[\\/][^\\]*\.ts$/;

/**
 * Our packages' modules are free of side effects (DESIGN.md: small libraries that only define
 * schemas, functions and data), which esbuild cannot tell from top-level `z.object(...)` calls:
 * said so, it leaves out what a chunk does not use. Else the seal path would carry JSON-LD and Data
 * Integrity into the first load through `@lp/formats`' and `@lp/verify`'s index files.
 */
const ourPackagesPure: Plugin = {
  name: 'lp-packages-pure',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if ((args.pluginData as { lpPure?: boolean } | undefined)?.lpPure || args.kind === 'entry-point') return undefined;
      if (!args.path.startsWith('@lp/') && !(args.path.startsWith('.') && OUR_PACKAGES.test(args.importer))) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { lpPure: true } });
      if (r.errors.length > 0 || !OUR_PACKAGES.test(r.path)) return undefined;
      return { path: r.path, namespace: r.namespace, sideEffects: false };
    });
  },
};

interface BarrelName { file: string; name: string }
const barrels = new Map<string, Map<string, BarrelName>>();
/** What an index file re-exports, by exported name: the module that defines it and its name there. */
function readBarrel(index: string): Map<string, BarrelName> {
  let names = barrels.get(index);
  if (names) return names;
  names = new Map();
  for (const m of fs.readFileSync(index, 'utf8').matchAll(/^export\s+(type\s+)?\{([^}]*)\}\s*from\s*'(\.[^']+)';/gm)) {
    if (m[1]) continue;
    for (const part of m[2]!.split(',').map((x) => x.trim()).filter((x) => x !== '' && !x.startsWith('type '))) {
      const [name, as] = part.split(/\s+as\s+/);
      names.set((as ?? name)!, { file: path.resolve(path.dirname(index), m[3]!), name: name! });
    }
  }
  barrels.set(index, names);
  return names;
}

/**
 * Our sources import from packages' index files (STYLE.md: each index names what it exports), and
 * esbuild puts every module an entry reaches, even through an unused re-export, in that entry's
 * chunks: `verifySeal` from '@lp/verify' would carry JSON-LD and Data Integrity into the first
 * load. So in the page build, a named import or re-export from one of our index files is pointed at
 * the module that defines the name (read from the index); what it cannot place stays as written.
 */
const throughBarrels: Plugin = {
  name: 'lp-through-barrels',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      const resolveDir = path.dirname(args.path);
      const statements = [...source.matchAll(/^(import|export)\s*\{([^}]*)\}\s*from\s*'([^']+)';/gm)];
      let out = source;
      for (const m of statements.reverse()) {
        const [whole, verb, list, spec] = m as unknown as [string, 'import' | 'export', string, string];
        if (!spec.startsWith('@lp/') && !spec.endsWith('/index.ts')) continue;
        const r = await b.resolve(spec, { kind: 'import-statement', resolveDir, importer: args.path });
        if (r.errors.length > 0 || !r.path.endsWith(`${path.sep}index.ts`) || /[\\/]node_modules[\\/]/.test(r.path)) continue;
        const barrel = readBarrel(r.path);
        const byFile = new Map<string, string[]>();
        const rest: string[] = [];
        for (const part of list.split(',').map((x) => x.trim()).filter((x) => x !== '')) {
          if (part.startsWith('type ')) continue; // erased by the TypeScript loader anyway
          const [name, local] = part.split(/\s+as\s+/) as [string, string | undefined];
          const at = barrel.get(name);
          if (!at) { rest.push(part); continue; }
          const entry = at.name === (local ?? name) ? at.name : `${at.name} as ${local ?? name}`;
          byFile.set(at.file, [...(byFile.get(at.file) ?? []), entry]);
        }
        const lines = [...byFile].map(([file, names]) => `${verb} { ${names.join(', ')} } from ${JSON.stringify(file)};`);
        if (rest.length > 0) lines.push(`${verb} { ${rest.join(', ')} } from '${spec}';`);
        out = out.slice(0, m.index) + lines.join('\n') + out.slice(m.index! + whole.length);
      }
      return { contents: out, loader: 'ts', resolveDir };
    });
  },
};

/**
 * Bundles a page's browser entry with esbuild, in memory, at server start (`npm start` needs no
 * build step). platform 'browser' makes esbuild use the browser fields of jsonld and friends;
 * node builtins are refused rather than polyfilled: the packages are browser-safe by rule.
 * Split (esm + splitting): each `import()` of the page becomes a chunk fetched when first used, so
 * that a phone at 50 KB/s downloads only what shows the page and verifies a seal before it is usable.
 */
export async function buildWebPage(entry: string): Promise<BuiltPage> {
  const result = await build({
    entryPoints: { app: entry },
    bundle: true,
    write: false,
    splitting: true,
    outdir: OUT,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    loader: { '.json': 'json' },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    plugins: [zodEnglishOnly, ourPackagesPure, throughBarrels],
    logLevel: 'silent',
  });
  const rel = (p: string) => path.posix.relative(OUT, p);
  const files = new Map(result.outputFiles.map((f) => [rel(f.path), f.contents]));
  const js = files.get('app.js');
  if (!js) throw new TypeError(`${entry}: esbuild wrote no app.js`);
  files.delete('app.js');
  // The chunks the entry imports statically run before it; every other chunk waits for an import().
  // The metafile's paths are relative to the working directory.
  const app = Object.entries(result.metafile.outputs).find(([k]) => rel(path.resolve(k)) === 'app.js')?.[1];
  const preload = (app?.imports ?? []).filter((i) => i.kind === 'import-statement').map((i) => rel(path.resolve(i.path)));
  const gz = (b: Uint8Array) => gzipSync(b, { level: 9 }).length;
  let gzipBytes = gz(js);
  let lazyGzipBytes = 0;
  for (const [name, bytes] of files) {
    if (preload.includes(name)) gzipBytes += gz(bytes);
    else lazyGzipBytes += gz(bytes);
  }
  return { js, gzipBytes, lazyGzipBytes, chunks: files, preload, etag: `"${createHash('sha256').update(js).digest('hex').slice(0, 16)}"` };
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
