import { jsonPathOf } from './json-path.ts';

interface Frame {
  kind: 'object' | 'array';
  keys: Set<string>;
  /** Index in an array, or the last key read in an object: for the path of a duplicate. */
  at: string | number;
  expectKey: boolean;
}

/**
 * The JSON path of the first object key that appears twice in the same object, or undefined.
 * `text` must already be valid JSON (JSON.parse accepted it): this walks structure only.
 *
 * JSON.parse keeps the LAST of two equal keys, other parsers the first (RFC 8259 §4: names
 * "SHOULD be unique", behaviour otherwise unpredictable), so a record with a duplicate could be
 * signed or shown as one thing and read by another verifier as another. Keys are compared after
 * unescaping: `"a"` and `"\u0061"` are the same name.
 */
export function findDuplicateKey(text: string): string | undefined {
  const stack: Frame[] = [];
  const pathOf = (extra: string): string => jsonPathOf([...stack.slice(0, -1).map((f) => f.at), extra]);
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (ch === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (c === 0x5c /* \ */) { escaped = true; j++; continue; }
        if (c === 0x22) break;
      }
      if (top?.kind === 'object' && top.expectKey) {
        const raw = text.slice(i, j + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.keys.has(key)) return pathOf(key);
        top.keys.add(key);
        top.at = key;
        top.expectKey = false;
      }
      i = j;
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      stack.push({ kind: ch === 0x7b ? 'object' : 'array', keys: new Set(), at: ch === 0x7b ? '' : 0, expectKey: ch === 0x7b });
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      stack.pop();
    } else if (ch === 0x2c /* , */ && top) {
      if (top.kind === 'object') top.expectKey = true;
      else top.at = (top.at as number) + 1;
    }
  }
  return undefined;
}
