import { UsageError, type CliIo } from '@lp/cli-kit';
import { anchorsFrom, bundleCachePath, loadTrust, TrustFileError, type LoadedTrust } from '@lp/verifier';

/**
 * The trust bundle of `--trust` (else LP_TRUST_BUNDLE) with its pinned anchors, as `lp verify`
 * loads it; undefined without one (then nothing verifies VALID). A refused bundle is said on
 * stderr and leaves the records UNKNOWN.
 */
export async function loadRecognitionTrust(opts: { trust: string | undefined; anchors: string[]; now: Date }, io: CliIo): Promise<LoadedTrust | undefined> {
  const bundlePath = opts.trust ?? (io.env.LP_TRUST_BUNDLE || undefined);
  if (bundlePath === undefined) return undefined;
  const anchors = anchorsFrom(opts.anchors, io.env);
  if (anchors.length === 0) throw new UsageError('--trust needs the pinned anchor DID(s): --anchor DID or LP_TRUST_ANCHORS');
  let loaded: LoadedTrust;
  try {
    loaded = await loadTrust({ bundlePath, anchors, now: opts.now, cwd: io.cwd, cachePath: bundleCachePath(io.env, io.cwd) });
  } catch (err) {
    if (err instanceof TrustFileError) throw new UsageError(err.message);
    throw err;
  }
  if (loaded.refused) io.stderr.write(`lp recognise: trust bundle refused (${loaded.refused.code}): ${loaded.refused.message}\n`);
  return loaded;
}
