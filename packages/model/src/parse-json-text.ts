import { ModelError } from './errors.ts';

/** Default ceiling for one JSON document: a credential with a transcript is tens of KB. */
export const DEFAULT_MAX_JSON_BYTES = 1_000_000;

/**
 * Parse untrusted JSON text. The size limit is checked on the UTF-8 length before parsing
 * (DESIGN.md: size limits before parsing). Throws only ModelError: EMPTY_INPUT,
 * INPUT_TOO_LARGE, INVALID_JSON.
 */
export function parseJsonText(text: string, options: { maxBytes?: number } = {}): unknown {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_JSON_BYTES;
  if (typeof text !== 'string') throw new TypeError('parseJsonText expects a string');
  // A UTF-16 code unit is 1 to 3 UTF-8 bytes: encode only when the length alone cannot decide.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && new TextEncoder().encode(text).length > maxBytes)) {
    throw new ModelError('INPUT_TOO_LARGE', `JSON input is over the limit of ${maxBytes} bytes`);
  }
  if (text.trim() === '') throw new ModelError('EMPTY_INPUT', 'JSON input is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ModelError('INVALID_JSON', `Not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
