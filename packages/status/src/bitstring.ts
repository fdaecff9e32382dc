import { StatusError } from './errors.ts';
import { MIN_LIST_LENGTH } from './lib/constants.ts';

/** Options that exist for tests only: real lists are never shorter than 131,072 entries. */
export interface ShortListOption {
  /** @internal Accept lists shorter than 131,072 entries (tests that fill a list). */
  allowShortList?: boolean;
}

/**
 * A zeroed bitstring of `length` one-bit entries (VC Bitstring Status List §4, "Bitstring
 * Generation Algorithm"). `length` must be a multiple of 8 and at least 131,072.
 *
 * @example const bits = createBitstring(); setBit(bits, 42, true);
 */
export function createBitstring(length: number = MIN_LIST_LENGTH, options: ShortListOption = {}): Uint8Array {
  if (!Number.isSafeInteger(length) || length <= 0 || length % 8 !== 0) {
    throw new TypeError(`list length must be a positive multiple of 8, got ${length}`);
  }
  if (length < MIN_LIST_LENGTH && !options.allowShortList) {
    throw new StatusError('LIST_TOO_SMALL', `a status list needs at least ${MIN_LIST_LENGTH} entries, got ${length}`);
  }
  return new Uint8Array(length / 8);
}

function checkIndex(bits: Uint8Array, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0) throw new TypeError(`status index must be a non-negative integer, got ${index}`);
  if (index >= bits.length * 8) throw new RangeError(`status index ${index} is past the end of a ${bits.length * 8}-entry list`);
}

/**
 * Sets entry `index`. §4: "the first index, with a value of zero (0), is located at the left-most
 * bit in the bitstring" — so entry 0 is the most significant bit of byte 0.
 */
export function setBit(bits: Uint8Array, index: number, value: boolean): void {
  checkIndex(bits, index);
  const mask = 0x80 >> (index & 7);
  const byte = index >> 3;
  bits[byte] = value ? bits[byte]! | mask : bits[byte]! & ~mask;
}

/** Reads entry `index` (most significant bit first, see `setBit`). */
export function getBit(bits: Uint8Array, index: number): boolean {
  checkIndex(bits, index);
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}
