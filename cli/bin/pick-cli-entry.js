// Which `lp` to run: the esbuild bundle (cli/dist/, built by `npm ci`'s prepare step) while every
// file it was built from is as it was then, else the TypeScript sources through tsx. A developer
// who edits a source file gets the sources at once, without rebuilding; a checkout that was
// installed and not touched gets the bundle. Plain JavaScript: it runs before TypeScript can.
import fs from 'node:fs';

/**
 * 'bundle' when `${distDir}/manifest.json` lists files that all still have the size and mtime it
 * recorded (relative to `rootDir`), and its main.js exists; otherwise 'source'. LP_CLI=source or
 * LP_CLI=bundle (in `env`) overrides the choice; a bundle that is missing then still gives 'source'.
 *
 * @example pickCliEntry(new URL('../../', import.meta.url), new URL('../dist/', import.meta.url), process.env)
 */
export function pickCliEntry(rootDir, distDir, env = {}) {
  if (env.LP_CLI === 'source') return 'source';
  let manifest;
  try {
    if (!fs.existsSync(new URL('main.js', distDir))) return 'source';
    manifest = JSON.parse(fs.readFileSync(new URL('manifest.json', distDir), 'utf8'));
  } catch {
    return 'source';
  }
  if (env.LP_CLI === 'bundle') return 'bundle';
  const files = manifest && typeof manifest === 'object' ? manifest.files : undefined;
  if (!files || typeof files !== 'object' || Object.keys(files).length === 0) return 'source';
  for (const [rel, recorded] of Object.entries(files)) {
    if (!Array.isArray(recorded)) return 'source';
    let st;
    try {
      st = fs.statSync(new URL(rel, rootDir));
    } catch {
      return 'source';
    }
    if (st.size !== recorded[0] || st.mtimeMs !== recorded[1]) return 'source';
  }
  return 'bundle';
}
