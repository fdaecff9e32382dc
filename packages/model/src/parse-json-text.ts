import { ModelError } from './errors.ts';
import { findDuplicateKey } from './lib/find-duplicate-key.ts';

/** Default ceiling for one JSON document: a credential with a transcript is tens of KB. */
export const DEFAULT_MAX_JSON_BYTES = 1_000_000;

/**
 * Parse untrusted JSON text. The size limit is checked on the UTF-8 length before parsing
 * (DESIGN.md: size limits before parsing). An object with the same key twice is refused
 * (DESIGN.md "Security rules": JSON with duplicate keys is never signed or believed), because
 * parsers disagree on which of the two values wins. Throws only ModelError: EMPTY_INPUT,
 * INPUT_TOO_LARGE, INVALID_JSON, JSON_DUPLICATE_KEY (with the path of the second occurrence).
 *
 * Every place that reads a record, a body or a file as JSON goes through here (or
 * parseJsonBytes for raw bytes), so the CLI, the server, the wallet and the pages agree.
 */
export function parseJsonText(text: string, options: { maxBytes?: number } = {}): unknown {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_JSON_BYTES;
  if (typeof text !== 'string') throw new TypeError('parseJsonText expects a string');
  // A UTF-16 code unit is 1 to 3 UTF-8 bytes: encode only when the length alone cannot decide.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && new TextEncoder().encode(text).length > maxBytes)) {
    throw new ModelError('INPUT_TOO_LARGE', `JSON input is over the limit of ${maxBytes} bytes`);
  }
  if (text.trim() === '') throw new ModelError('EMPTY_INPUT', 'JSON input is empty');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw new ModelError('INVALID_JSON', `Not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Only objects can hold a duplicate; a scalar or a string needs no second pass.
  if (typeof value === 'object' && value !== null) {
    const duplicate = findDuplicateKey(text);
    if (duplicate !== undefined) throw new ModelError('JSON_DUPLICATE_KEY', `the key at ${duplicate} appears twice in one object`, duplicate);
  }
  return value;
}
