import { prepareZXingModule, purgeZXingModule } from 'zxing-wasm/reader';

export interface ZxingConfig {
  /** The bytes of zxing-wasm's dist/reader/zxing_reader.wasm (Node reads them from node_modules). */
  readonly wasmBinary?: ArrayBuffer;
  /** Maps 'zxing_reader.wasm' to a URL the page serves itself, e.g. () => '/assets/zxing_reader.wasm'. */
  readonly locateFile?: (path: string) => string;
}

let configured = false;

/**
 * Tells zxing-wasm where its .wasm is. Must be called before decoding with zxing: without it
 * zxing-wasm would fetch the file from a CDN, which this project never does (offline first).
 *
 * @example configureZxing({ locateFile: () => new URL('/vendor/zxing_reader.wasm', location.href).href })
 */
export function configureZxing(config: ZxingConfig): void {
  if (config.wasmBinary === undefined && config.locateFile === undefined) {
    throw new TypeError('configureZxing needs wasmBinary or locateFile');
  }
  const overrides: { wasmBinary?: ArrayBuffer; locateFile?: (path: string, prefix: string) => string } = {};
  if (config.wasmBinary !== undefined) overrides.wasmBinary = config.wasmBinary;
  const locate = config.locateFile;
  // Always override locateFile: zxing-wasm's default points at a CDN.
  overrides.locateFile = locate !== undefined
    ? (path: string) => locate(path)
    : (path: string) => path;
  purgeZXingModule();
  prepareZXingModule({ overrides, fireImmediately: false });
  configured = true;
}

export function isZxingConfigured(): boolean {
  return configured;
}
