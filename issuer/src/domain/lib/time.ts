/** ISO 8601 UTC without milliseconds, the form VC 2.0 examples use for validFrom. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
