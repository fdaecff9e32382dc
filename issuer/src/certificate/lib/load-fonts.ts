import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CertificateError } from '../certificate-error.ts';

/** The four faces a certificate uses; `arabic*` also covers Persian letters, `latin*` Latin and Cyrillic. */
export interface CertificateFonts {
  latin: Uint8Array;
  latinBold: Uint8Array;
  arabic: Uint8Array;
  arabicBold: Uint8Array;
}

const require = createRequire(import.meta.url);
let cached: CertificateFonts | undefined;

// The font packages export only a JS index (their package.json "exports" hides ./fonts/*), so we
// resolve that index and step to the sibling fonts/ folder. Fonts come from node_modules, never
// from the system, so that any machine after `npm ci` renders the same PDF.
function packageFont(pkg: string, file: string): Uint8Array {
  try {
    const index = require.resolve(pkg);
    return readFileSync(join(dirname(index), '..', 'fonts', file));
  } catch (cause) {
    throw new CertificateError('FONT_MISSING', `font ${file} from ${pkg} is not installed: ${(cause as Error).message}`);
  }
}

/** Noto Sans (Latin, Cyrillic) and Noto Naskh Arabic, both SIL OFL 1.1, read once per process. */
export function loadFonts(): CertificateFonts {
  cached ??= {
    latin: packageFont('@embedpdf/fonts-latin', 'NotoSans-Regular.ttf'),
    latinBold: packageFont('@embedpdf/fonts-latin', 'NotoSans-Bold.ttf'),
    arabic: packageFont('@embedpdf/fonts-arabic', 'NotoNaskhArabic-Regular.ttf'),
    arabicBold: packageFont('@embedpdf/fonts-arabic', 'NotoNaskhArabic-Bold.ttf'),
  };
  return cached;
}
