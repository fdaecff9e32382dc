import type { Rng } from './distort.ts';

// RFC 9285 §4: the base45 alphabet, which is exactly QR's alphanumeric set.
export const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Seal-like text: 'LP1:' then random base45, `length` characters in all. */
export function sealLikeText(rng: Rng, length = 600): string {
  let text = 'LP1:';
  while (text.length < length) text += BASE45[Math.floor(rng() * BASE45.length)];
  return text;
}
