// The `lp` command as one esbuild bundle (cli/dist/), built by `npm ci`'s `prepare` step so that
// `npx lp` starts in plain Node: tsx's loader thread and per-module transforms cost seconds on a
// busy 2-core machine before anything runs. Development keeps running the TypeScript through tsx:
// cli/bin/lp.js takes the bundle only while every source file it was built from is unchanged.
//
// What stays outside the bundle, loaded from node_modules as before: every npm package (native
// better-sqlite3, zxing-wasm's .wasm, fonts, piscina), so only our own workspace code is bundled.
// Our code that finds files next to itself (worker entries, the pages' sources, data files,
// package.json) does so through `import.meta.url`; each such use is rewritten to the URL of the
// original source file, so the bundle reads exactly the files the sources read.
//
// Plain .mjs: it runs where TypeScript cannot yet (an `npm ci` before anything else).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = path.join(ROOT, 'cli', 'dist');
const ENTRY = path.join(ROOT, 'cli', 'src', 'main.ts');
/** Files whose change also makes a bundle stale although esbuild does not list them as inputs. */
const ALSO_WATCHED = ['package.json', 'cli/scripts/build-cli.mjs', 'cli/package.json', 'packages', 'issuer/package.json', 'wallet/package.json', 'verifier/package.json'];

const toPosix = (p) => p.split(path.sep).join('/');

/** npm packages stay external; our workspaces (@lp/*) and their `#` imports are bundled like relative imports. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./#]/ }, (args) => (args.path.startsWith('@lp/') ? undefined : { path: args.path, external: true }));
  },
};

/** `import.meta.url` of a bundled source file → that source file's URL, computed from the chunk's. */
const sourceRelativeUrls = (OUT) => ({
  name: 'source-relative-urls',
  setup(b) {
    b.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (/import\.meta\.(dirname|filename)/.test(text)) {
        throw new Error(`${toPosix(path.relative(ROOT, args.path))}: use import.meta.url (the bundle rewrites only that)`);
      }
      if (!text.includes('import.meta.url')) return undefined;
      // Every chunk lands in OUT itself (no sub-folders), so one relative path fits all chunks.
      const rel = toPosix(path.relative(OUT, args.path));
      const contents = text.replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
      return { contents, loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js', resolveDir: path.dirname(args.path) };
    });
  },
});

function packageJsonsUnder(dir) {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, dir, d.name, 'package.json')))
    .map((d) => `${dir}/${d.name}/package.json`);
}

/**
 * Builds the bundle and its manifest (size and mtime of every input) into `outDir` (default
 * cli/dist/; it must lie inside the repository, where node_modules is found); returns what it did.
 */
export async function buildCli(outDir = DIST) {
  const OUT = path.resolve(outDir);
  // Written beside OUT (same depth, so the same relative URLs) and swapped in at the end: an `lp`
  // started meanwhile finds the old bundle or none (then the sources), never half of one.
  const TMP = `${OUT}.tmp-${process.pid}`;
  fs.rmSync(TMP, { recursive: true, force: true });
  try {
    return await buildInto(OUT, TMP);
  } finally {
    fs.rmSync(TMP, { recursive: true, force: true });
  }
}

async function buildInto(OUT, TMP) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { main: ENTRY },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: TMP,
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    plugins: [externalPackages, sourceRelativeUrls(OUT)],
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => toPosix(path.relative(ROOT, path.resolve(ROOT, p))));
  const watched = ALSO_WATCHED.flatMap((p) => (p === 'packages' ? packageJsonsUnder('packages') : [p]));
  const files = {};
  for (const rel of [...new Set([...inputs, ...watched])].sort()) {
    const st = fs.statSync(path.join(ROOT, rel));
    files[rel] = [st.size, st.mtimeMs];
  }
  fs.writeFileSync(path.join(TMP, 'manifest.json'), JSON.stringify({ builtAt: new Date().toISOString(), node: process.version, files }));
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.renameSync(TMP, OUT);
  return { outDir: OUT, inputs: Object.keys(files).length, outputs: Object.keys(result.metafile.outputs).length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const r = await buildCli();
    console.log(`lp bundle: ${r.outputs} files in ${toPosix(path.relative(ROOT, r.outDir))}/ from ${r.inputs} sources`);
  } catch (err) {
    // An install without devDependencies (npm ci --omit=dev) has no esbuild: lp then runs the
    // sources through tsx, slower to start but the same program. Any other failure is an error.
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes("'esbuild'")) throw err;
    console.warn('lp bundle: not built (esbuild is not installed); lp runs the TypeScript sources');
  }
}
