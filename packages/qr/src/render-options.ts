import type { QrEcc } from './rgba-image.ts';

export interface QrRenderOptions {
  /** Error correction level; M by default (DESIGN.md: seals are sized at M). */
  readonly ecc?: QrEcc;
  /** Pixels (or SVG units) per module; 4 by default. */
  readonly scale?: number;
  /** Quiet zone in modules; 4 by default (ISO/IEC 18004 §6.3.8 asks for 4). */
  readonly margin?: number;
}

export function resolveRenderOptions(opts: QrRenderOptions = {}): Required<QrRenderOptions> {
  const scale = opts.scale ?? 4;
  const margin = opts.margin ?? 4;
  if (!Number.isInteger(scale) || scale < 1 || scale > 64) throw new TypeError('scale must be an integer 1..64');
  if (!Number.isInteger(margin) || margin < 0 || margin > 64) throw new TypeError('margin must be an integer 0..64');
  return { ecc: opts.ecc ?? 'M', scale, margin };
}
