// Bundled by esbuild for the Chromium test: the package as a browser would load it, with the
// vector runner on window so the page evaluates every vector on both paths.
import { assertAcceptablePublicKey, hasNativeEd25519, hasNodeEd25519, hexToBytes, verify, verifyWith } from '../../src/index.ts';

type Vector = { publicKey: string; message: string; signature: string };

async function runVectors(vectors: Vector[]): Promise<{ native: boolean; nodePath: boolean; verify: boolean[]; webcrypto: boolean[]; pure: boolean[]; keyCodes: string[] }> {
  const native = await hasNativeEd25519();
  const verified: boolean[] = [];
  const webcrypto: boolean[] = [];
  const pure: boolean[] = [];
  const keyCodes: string[] = [];
  for (const v of vectors) {
    const args = [hexToBytes(v.publicKey), hexToBytes(v.message), hexToBytes(v.signature)] as const;
    verified.push(await verify(...args));
    webcrypto.push(await verifyWith('webcrypto', ...args));
    pure.push(await verifyWith('pure', ...args));
    try {
      assertAcceptablePublicKey(args[0]);
      keyCodes.push('ok');
    } catch (err) {
      keyCodes.push((err as { code: string }).code);
    }
  }
  return { native, nodePath: hasNodeEd25519(), verify: verified, webcrypto, pure, keyCodes };
}

(globalThis as unknown as { lpRunVectors: typeof runVectors }).lpRunVectors = runVectors;
