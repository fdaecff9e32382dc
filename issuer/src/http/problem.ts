import type { Response } from 'express';

/** RFC 9457 problem details with a stable `code` (and a JSON `path` when one applies); never a stack trace. */
export function sendProblem(res: Response, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): void {
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: `urn:lp:problem:${code}`, title: code, status, code, detail, ...extra }));
}
