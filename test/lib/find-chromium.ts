// The one place that decides which Chromium the browser tests (and the web bench) drive:
//   1. LP_CHROMIUM, when set: that executable, or an error if it is not one (LP_CHROMIUM=npm
//      skips 2 and takes 3 even where Debian's package is installed);
//   2. a `chromium` (Debian's package) or `chromium-browser` found on PATH;
//   3. the build shipped inside the npm package @sparticuz/chromium (a devDependency), so that
//      `npm ci && npm test` needs nothing from apt.
// The npm package's own executablePath() writes /tmp/chromium, /tmp/fonts and the SwiftShader
// libraries straight into /tmp and reuses whatever /tmp/chromium it finds (no version check, no
// atomic write: two jest workers extracting at once can run a half-written file). So the same
// brotli files are unpacked here into a folder named after the package version, written under a
// temporary name and renamed into place, once per machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

export interface FoundChromium {
  executablePath: string;
  /** Where it came from, for messages and the test log. */
  source: 'LP_CHROMIUM' | 'PATH' | '@sparticuz/chromium';
  /** Environment the browser needs (the npm build's own NSS libraries and fonts). */
  env: Record<string, string>;
}

/** Flags every test launch uses: headless, no sandbox (CI runs as root), nothing fetched in the background. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The fake camera: Chromium plays FILE (.y4m or .mjpeg) as the webcam and grants the permission. */
export function fakeCameraArgs(file: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}

let found: Promise<FoundChromium> | undefined;

/** Resolves once per process for the process's own environment; a given `env` is resolved afresh. */
export function findChromium(env?: NodeJS.ProcessEnv): Promise<FoundChromium> {
  if (env) return resolve(env);
  found ??= resolve(process.env);
  return found;
}

/** Launches Chromium (the found one unless `which` is given) with CHROMIUM_ARGS plus `extraArgs`. */
export async function launchTestChromium(extraArgs: string[] = [], which?: FoundChromium): Promise<Browser> {
  const c = which ?? await findChromium();
  return chromium.launch({
    executablePath: c.executablePath,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    env: { ...(process.env as Record<string, string>), ...c.env },
  });
}

async function resolve(env: NodeJS.ProcessEnv): Promise<FoundChromium> {
  const explicit = env.LP_CHROMIUM;
  if (explicit === 'npm') return unpackSparticuz();
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`LP_CHROMIUM=${explicit} is not an executable file`);
    return { executablePath: explicit, source: 'LP_CHROMIUM', env: {} };
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return { executablePath: candidate, source: 'PATH', env: {} };
    }
  }
  return unpackSparticuz();
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function unpackSparticuz(): Promise<FoundChromium> {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    // Its exports map hides package.json: walk up from the entry (build/cjs/index.cjs).
    pkgDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  } catch {
    throw new Error('no Chromium: set LP_CHROMIUM, put chromium on PATH, or run npm ci (devDependency @sparticuz/chromium)');
  }
  const pkgJson = path.join(pkgDir, 'package.json');
  const version = (JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const dir = path.join(os.tmpdir(), `lp-chromium-${version}-${uid}`);
  if (!fs.existsSync(path.join(dir, 'chromium'))) {
    const tmp = fs.mkdtempSync(`${dir}.partial-`);
    try {
      const bin = path.join(pkgDir, 'bin');
      await pipeline(fs.createReadStream(path.join(bin, 'chromium.br')), zlib.createBrotliDecompress(), fs.createWriteStream(path.join(tmp, 'chromium'), { mode: 0o755 }));
      // NSS/NSPR/expat built for Amazon Linux: a machine without Debian's chromium may lack them.
      await untarBrotli(path.join(bin, 'al2023.tar.br'), tmp);
      await untarBrotli(path.join(bin, 'fonts.tar.br'), tmp);
      // libGLESv2/libEGL are loaded from the binary's own folder even with --disable-gpu.
      await untarBrotli(path.join(bin, 'swiftshader.tar.br'), tmp);
      fs.writeFileSync(path.join(tmp, 'fonts.conf'), `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(dir, 'fonts')}</dir>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`);
      try {
        fs.renameSync(tmp, dir);
      } catch (e) {
        // Another process unpacked it first: use theirs.
        if (!fs.existsSync(path.join(dir, 'chromium'))) throw e;
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return {
    executablePath: path.join(dir, 'chromium'),
    source: '@sparticuz/chromium',
    env: {
      LD_LIBRARY_PATH: [path.join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: dir,
    },
  };
}

/** Unpacks a .tar.br (plain ustar, regular files and folders only) into `into`, without a tar dependency. */
async function untarBrotli(file: string, into: string): Promise<void> {
  const tar = zlib.brotliDecompressSync(fs.readFileSync(file));
  let off = 0;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, len: number) => header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const target = path.resolve(into, name);
    if (!target.startsWith(path.resolve(into) + path.sep)) throw new Error(`${file}: entry outside the folder: ${name}`);
    if (type === '5') fs.mkdirSync(target, { recursive: true });
    else if (type === '0' || type === '\0') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, tar.subarray(off + 512, off + 512 + size), { mode: parseInt(field(100, 8).trim() || '644', 8) & 0o777 });
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
}
