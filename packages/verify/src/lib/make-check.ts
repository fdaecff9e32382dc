import type { Check, CheckId, CheckStatus } from '@lp/model';

export function makeCheck(id: CheckId, status: CheckStatus, code: string, message: string, details?: Record<string, unknown>): Check {
  return details ? { id, status, code, message, details } : { id, status, code, message };
}
