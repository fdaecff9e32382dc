/**
 * JSONPath (RFC 9535 normalized-path style) for a zod issue path: `$.credentialSubject.result[0]`,
 * with bracket notation for keys that are not plain identifiers (`$['@context'][0]`).
 */
export function jsonPathOf(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key)).replace(/^"|"$/g, "'")}]`;
  }
  return out;
}
