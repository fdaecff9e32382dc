import { build } from 'esbuild';
const entry = process.argv[2]!;
const r = await build({ entryPoints: { app: entry }, bundle: true, write: false, splitting: true, outdir: '/lp', chunkNames: 'chunks/[name]-[hash]', format: 'esm', platform: 'browser', target: ['chrome109'], minify: true, charset: 'utf8', define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' }, metafile: true, logLevel: 'silent' });
const outs = r.metafile.outputs;
const app = Object.keys(outs).find((k) => k.endsWith('/app.js'))!;
const pre = new Set([app, ...outs[app]!.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path)]);
const byPkg = new Map<string, number>(); const lazy = new Map<string, number>();
for (const [k, o] of Object.entries(outs)) for (const [f, v] of Object.entries(o.inputs)) {
  const m = f.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  const key = m ? m[1]! : f.split('/').slice(0, 3).join('/');
  const map = pre.has(k) ? byPkg : lazy;
  map.set(key, (map.get(key) ?? 0) + v.bytesInOutput);
}
console.log('FIRST'); for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / 1024).toFixed(1).padStart(8), k);
console.log('LAZY'); for (const [k, v] of [...lazy].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log((v / 1024).toFixed(1).padStart(8), k);
