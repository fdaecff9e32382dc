import { brotliCompressSync, constants } from 'node:zlib';
import { buildWebPage } from '@lp/web-kit/node';
for (const e of ['verifier/web/main.ts', 'wallet/web/main.ts']) {
  const b = await buildWebPage(e);
  console.log(e, b.js.length, 'raw', b.gzipBytes, 'gz', brotliCompressSync(b.js, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).length, 'br9', brotliCompressSync(b.js).length, 'br11');
}
