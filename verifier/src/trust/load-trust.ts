import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { acceptBundle, verifyTrustBundle, type VerifiedTrustBundle } from '@lp/trust';

export interface LoadTrustOptions {
  /** A bundle file to offer (--trust / LP_TRUST_BUNDLE); undefined = use the held one. */
  bundlePath?: string;
  /** A bundle's text to offer instead of a file (one fetched from LP_TRUST_BUNDLE_URL). */
  bundleText?: string;
  anchors: readonly string[];
  now: Date;
  cwd: string;
  /** Where the last accepted bundle is kept (`<LP_DATA_DIR>/verifier/bundle.json`); undefined = no cache. */
  cachePath?: string;
}

export interface LoadedTrust {
  bundle: VerifiedTrustBundle | undefined;
  /** The JWS JSON text of the bundle in use (GET /trust/bundle serves it). */
  jwsText: string | undefined;
  /** Why the offered bundle was not taken (TRUST_SEQUENCE_ROLLBACK…); the held one stays in use. */
  refused?: { code: string; message: string };
  replaced: boolean;
}

/** The bundle file could not be read: a usage or I/O error (exit 2), not a verdict. */
export class TrustFileError extends Error {
  override readonly name = 'TrustFileError';
  readonly code = 'TRUST_FILE_UNREADABLE';
}

export function bundleCachePath(env: NodeJS.ProcessEnv, cwd: string): string {
  return join(resolve(cwd, env.LP_DATA_DIR ?? './data'), 'verifier', 'bundle.json');
}

export function anchorsFrom(list: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const fromEnv = (env.LP_TRUST_ANCHORS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return [...new Set([...list, ...fromEnv])];
}

/**
 * The trust store's update rule with a file behind it (@lp/trust acceptBundle): the held bundle is
 * re-verified on load; an offered bundle replaces it only when it verifies against the pinned
 * anchors and is not older (TRUST_SEQUENCE_ROLLBACK keeps the previous one in use).
 */
export async function loadTrust(opts: LoadTrustOptions): Promise<LoadedTrust> {
  let held: VerifiedTrustBundle | undefined;
  let heldText: string | undefined;
  if (opts.cachePath) {
    heldText = readIfExists(opts.cachePath);
    if (heldText !== undefined) {
      const v = await verifyTrustBundle(heldText, { anchors: opts.anchors, now: opts.now });
      if (v.ok) {
        const { ok: _ok, ...rest } = v;
        held = rest;
      } else heldText = undefined;
    }
  }
  if (opts.bundlePath === undefined && opts.bundleText === undefined) return { bundle: held, jwsText: heldText, replaced: false };
  let text: string;
  if (opts.bundleText !== undefined) text = opts.bundleText;
  else {
    try {
      text = readFileSync(resolve(opts.cwd, opts.bundlePath!), 'utf8');
    } catch (err) {
      throw new TrustFileError(`cannot read the trust bundle ${opts.bundlePath}: ${(err as Error).message}`);
    }
  }
  const r = await acceptBundle(held, text, { anchors: opts.anchors, now: opts.now });
  if (!r.ok) return { bundle: r.kept, jwsText: r.kept ? heldText : undefined, refused: { code: r.code, message: r.message }, replaced: false };
  const jwsText = r.replaced ? JSON.stringify(r.bundle.jws) : heldText;
  if (r.replaced && opts.cachePath) {
    // Write then rename: a crash never leaves half a bundle behind.
    mkdirSync(dirname(opts.cachePath), { recursive: true });
    const tmp = `${opts.cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, jwsText!, { mode: 0o644 });
    renameSync(tmp, opts.cachePath);
  }
  return { bundle: r.bundle, jwsText, replaced: r.replaced };
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
