/** Full records above this size are refused before parsing (DESIGN.md, security rules). */
export const MAX_FULL_RECORD_BYTES = 10 * 1024 * 1024;
