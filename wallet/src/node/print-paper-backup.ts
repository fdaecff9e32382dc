import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { renderQrPng } from '@lp/qr/node';
import type { StoredCredential } from '../core/vault.ts';
import { WalletError } from '../core/wallet-error.ts';

const require = createRequire(import.meta.url);
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

// The same font packages as the issuer's certificates (Noto Sans, Noto Naskh Arabic; SIL OFL),
// read from node_modules so every machine prints the same page. Duplicated from the issuer's
// loader on purpose: the wallet app must not import the issuer app.
function packageFont(pkg: string, file: string): Buffer {
  return readFileSync(join(dirname(require.resolve(pkg)), '..', 'fonts', file));
}

/** A4 in PostScript points; two seals a page, each 62 mm square (readable by phones from paper). */
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const QR = 176;

/**
 * A paper backup: every credential's QR seal on printable A4 pages, each labelled with the
 * learner, the achievements and results, the issuer and the credential id. Paper survives a lost
 * phone; any verifier reads the seals offline. Credentials without a seal are listed as such.
 */
export async function printPaperBackup(credentials: readonly StoredCredential[], opts: { profile: string; holder: string; now: Date }): Promise<Uint8Array> {
  const withSeal = credentials.filter((c) => c.seal);
  if (withSeal.length === 0) throw new WalletError('CREDENTIAL_NOT_FOUND', 'no credential in this profile has a QR seal to print');
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, info: { Title: `Learning Passport paper backup – ${opts.profile}`, CreationDate: opts.now } });
  doc.registerFont('latin', packageFont('@embedpdf/fonts-latin', 'NotoSans-Regular.ttf'));
  doc.registerFont('latinBold', packageFont('@embedpdf/fonts-latin', 'NotoSans-Bold.ttf'));
  doc.registerFont('arabic', packageFont('@embedpdf/fonts-arabic', 'NotoNaskhArabic-Regular.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });

  // Each line is in one script: pdfkit (fontkit) shapes an Arabic line and lays the run right to
  // left when it is handed over whole (`features: []`); mixed-direction lines are split by field.
  const line = (text: string, x: number, y: number, size: number, bold = false): number => {
    const rtl = ARABIC.test(text);
    doc.font(rtl ? 'arabic' : bold ? 'latinBold' : 'latin').fontSize(size);
    const width = A4.width - x - MARGIN;
    doc.text(text, x, y, { width, align: rtl ? 'right' : 'left', lineBreak: false, ellipsis: true, ...(rtl ? { features: [] } : {}) });
    return y + size * 1.5;
  };

  const perPage = 2;
  const slot = (A4.height - 2 * MARGIN - 30) / perPage;
  for (let i = 0; i < credentials.length; i++) {
    const c = credentials[i]!;
    if (i % perPage === 0) {
      doc.addPage();
      line(`Learning Passport – paper backup – profile ${opts.profile} – page ${Math.floor(i / perPage) + 1} – printed ${opts.now.toISOString().slice(0, 10)}`, MARGIN, MARGIN - 20, 8);
    }
    const top = MARGIN + 10 + (i % perPage) * slot;
    doc.moveTo(MARGIN, top - 6).lineTo(A4.width - MARGIN, top - 6).lineWidth(0.5).strokeColor('#999999').stroke();
    const textX = MARGIN + QR + 18;
    if (c.seal) {
      const png = await renderQrPng(c.seal, { ecc: 'M', scale: 6 });
      doc.image(Buffer.from(png), MARGIN, top, { width: QR, height: QR });
    } else {
      line('(no QR seal: keep the digital copy)', MARGIN, top + QR / 2, 9);
    }
    let y = top;
    if (c.summary.learner) y = line(c.summary.learner, textX, y, 13, true);
    for (const a of c.summary.achievements) {
      if (a.name) y = line(a.name, textX, y, 11, true);
      const facts = [a.code, a.result ? `result: ${a.result}` : undefined].filter(Boolean).join(' – ');
      if (facts) y = line(facts, textX, y, 9);
    }
    if (c.summary.issuerName) y = line(c.summary.issuerName, textX, y, 10);
    y = line(`issuer: ${c.summary.issuer}`, textX, y, 7);
    y = line(`id: ${c.id}`, textX, y, 7);
    line(`kind: ${c.kind} – checked ${c.verification.verdict} on ${c.verification.verifiedAt.slice(0, 10)}`, textX, y, 7);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
