import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { acceptBundle, verifyTrustBundle, type VerifiedTrustBundle } from '@lp/trust';
import type { WalletStorage } from '../core/wallet-storage.ts';
import { WalletError } from '../core/wallet-error.ts';

/**
 * The wallet's trust: a bundle JWS and the anchor DIDs it pins, kept unencrypted under
 * LP_WALLET_DIR/trust/ (public data, shared by every profile), or given by LP_TRUST_BUNDLE (a file)
 * and LP_TRUST_ANCHORS (comma-separated DIDs), which take precedence. The bundle is re-verified
 * against the anchors each time it is loaded.
 */
const BUNDLE_KEY = 'trust/bundle.json';
const ANCHORS_KEY = 'trust/anchors.json';

export interface LoadedTrust {
  bundle: VerifiedTrustBundle | undefined;
  /** Where it came from, for messages. */
  source: 'env' | 'wallet' | 'none';
  /** Why there is no bundle, when one was configured but did not verify. */
  problem?: string;
}

export async function loadTrust(storage: WalletStorage, env: NodeJS.ProcessEnv, cwd: string, now: Date): Promise<LoadedTrust> {
  if (env.LP_TRUST_BUNDLE) {
    const anchors = (env.LP_TRUST_ANCHORS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (anchors.length === 0) throw new WalletError('NO_TRUST_BUNDLE', 'LP_TRUST_BUNDLE is set but LP_TRUST_ANCHORS is empty');
    let text: string;
    try {
      text = await readFile(resolve(cwd, env.LP_TRUST_BUNDLE), 'utf8');
    } catch (e) {
      throw new WalletError('NO_TRUST_BUNDLE', `cannot read LP_TRUST_BUNDLE ${env.LP_TRUST_BUNDLE}: ${(e as Error).message}`);
    }
    return verified(text, anchors, now, 'env');
  }
  const held = await readHeld(storage);
  if (!held) return { bundle: undefined, source: 'none' };
  return verified(held.text, held.anchors, now, 'wallet');
}

async function verified(text: string, anchors: string[], now: Date, source: 'env' | 'wallet'): Promise<LoadedTrust> {
  const v = await verifyTrustBundle(text, { anchors, now });
  if (!v.ok) return { bundle: undefined, source, problem: `${v.code}: ${v.message}` };
  const { ok: _ok, ...bundle } = v;
  return { bundle, source };
}

async function readHeld(storage: WalletStorage): Promise<{ text: string; anchors: string[] } | undefined> {
  const b = await storage.read(BUNDLE_KEY);
  const a = await storage.read(ANCHORS_KEY);
  if (!b || !a) return undefined;
  try {
    const anchors = JSON.parse(new TextDecoder().decode(a)) as unknown;
    if (!Array.isArray(anchors) || !anchors.every((x) => typeof x === 'string')) return undefined;
    return { text: new TextDecoder().decode(b), anchors };
  } catch {
    return undefined;
  }
}

/**
 * `lp wallet trust`: accepts a bundle under the @lp/trust update rule (a lower sequence never
 * replaces the held one; the same sequence with other content is refused) and stores it.
 */
export async function trustBundle(storage: WalletStorage, text: string, anchors: string[], now: Date): Promise<{ sequence: number; replaced: boolean; issuers: number; expires: string }> {
  const held = await readHeld(storage);
  let current: VerifiedTrustBundle | undefined;
  if (held) {
    const v = await verifyTrustBundle(held.text, { anchors: held.anchors, now });
    if (v.ok) {
      const { ok: _ok, ...b } = v;
      current = b;
    }
  }
  const r = await acceptBundle(current, text, { anchors, now });
  if (!r.ok) throw new WalletError('TRUST_BUNDLE_REFUSED', `${r.code}: ${r.message}`);
  if (r.replaced) {
    await storage.write(BUNDLE_KEY, new TextEncoder().encode(text));
    await storage.write(ANCHORS_KEY, new TextEncoder().encode(JSON.stringify(anchors)));
  }
  return { sequence: r.bundle.bundle.sequence, replaced: r.replaced, issuers: r.bundle.bundle.issuers.length, expires: r.bundle.bundle.expires };
}
