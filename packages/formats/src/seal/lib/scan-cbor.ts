import { SealError } from '../seal-error.ts';

export interface CborScanLimits {
  maxDepth: number;
  maxItems: number;
}

/**
 * Walks the CBOR (RFC 8949 §3) data item headers of one top-level item without building any
 * value, so that depth and item count are bounded BEFORE cborg allocates anything (cborg has no
 * depth option). Returns the offset just after the first item; the caller decides what trailing
 * bytes mean. Indefinite lengths (§3.2) are refused: a seal is deterministically encoded (§4.2).
 */
export function scanCbor(bytes: Uint8Array, limits: CborScanLimits): number {
  const remaining: number[] = [];
  let pos = 0;
  let items = 0;
  for (;;) {
    if (pos >= bytes.length) throw new SealError('SEAL_CBOR_INVALID', 'CBOR ends inside a data item');
    const initial = bytes[pos++]!;
    const major = initial >> 5;
    const info = initial & 0x1f;
    let arg: number;
    if (info < 24) arg = info;
    else if (info <= 27) {
      const size = 1 << (info - 24);
      if (pos + size > bytes.length) throw new SealError('SEAL_CBOR_INVALID', 'CBOR ends inside a header');
      arg = 0;
      for (let k = 0; k < size; k++) arg = arg * 256 + bytes[pos + k]!;
      pos += size;
    } else if (info === 31) {
      throw new SealError('SEAL_CBOR_INVALID', 'indefinite-length CBOR is not allowed in a seal');
    } else {
      throw new SealError('SEAL_CBOR_INVALID', `reserved CBOR additional information ${info}`);
    }
    if (++items > limits.maxItems) {
      throw new SealError('SEAL_CBOR_TOO_MANY_ITEMS', `CBOR has more than ${limits.maxItems} data items`);
    }
    let children = 0;
    let container = false;
    switch (major) {
      case 2:
      case 3:
        if (arg > bytes.length - pos) throw new SealError('SEAL_CBOR_INVALID', 'CBOR string runs past the end');
        pos += arg;
        break;
      case 4:
        container = true;
        children = arg;
        break;
      case 5:
        container = true;
        children = arg * 2;
        break;
      case 6:
        container = true;
        children = 1;
        break;
      default:
        break;
    }
    if (container) {
      if (remaining.length + 1 > limits.maxDepth) {
        throw new SealError('SEAL_CBOR_TOO_DEEP', `CBOR nesting deeper than ${limits.maxDepth}`);
      }
      if (children > limits.maxItems) {
        throw new SealError('SEAL_CBOR_TOO_MANY_ITEMS', `CBOR container declares ${children} items`);
      }
      if (children > 0) {
        remaining.push(children);
        continue;
      }
    }
    // The item is complete: close every container it completes.
    while (remaining.length > 0) {
      const top = remaining.length - 1;
      remaining[top]! -= 1;
      if (remaining[top]! > 0) break;
      remaining.pop();
    }
    if (remaining.length === 0) return pos;
  }
}
