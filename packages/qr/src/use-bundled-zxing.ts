import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { configureZxing, isZxingConfigured } from './configure-zxing.ts';
import { installImageDataPolyfill } from './lib/install-image-data.ts';

/**
 * Node only: configures zxing-wasm with the .wasm shipped in its npm package
 * (zxing-wasm/dist/reader/zxing_reader.wasm), never a CDN. Idempotent; the node entry's
 * decoders call it, so callers rarely need to.
 */
export function useBundledZxing(): void {
  installImageDataPolyfill();
  if (isZxingConfigured()) return;
  const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const bytes = readFileSync(path);
  const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  configureZxing({ wasmBinary });
}
