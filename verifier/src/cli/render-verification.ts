import type { Check } from '@lp/model';
import type { DisplayText, VerificationResult } from '@lp/verify';

const MARK: Record<Check['status'], string> = { pass: 'ok  ', fail: 'FAIL', unknown: '??  ', skipped: '--  ' };
const COLOUR: Record<Check['status'], string> = { pass: '\x1b[32m', fail: '\x1b[31m', unknown: '\x1b[33m', skipped: '\x1b[2m' };
const VERDICT_COLOUR = { VALID: '\x1b[1;32m', INVALID: '\x1b[1;31m', UNKNOWN: '\x1b[1;33m' } as const;
const RESET = '\x1b[0m';

/**
 * Untrusted text for a terminal: control characters (which could move the cursor or recolour the
 * screen) and bidirectional formatting characters (U+202E could make "fdp.exe" read "exe.pdf";
 * Unicode TR #9, and CVE-2021-42574 "Trojan Source") are shown as \u{…} escapes, never obeyed.
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

const t = (d: DisplayText | undefined) => (d ? terminalSafe(d.text) : '—');

/** What a person reads: who, what, from whom, then one line per check and the verdict. */
export function renderVerification(result: VerificationResult, opts: { colour: boolean; notice?: string }): string {
  const paint = (code: string, s: string) => (opts.colour ? `${code}${s}${RESET}` : s);
  const lines: string[] = [];
  const d = result.display;
  if (opts.notice) lines.push(paint('\x1b[33m', `note: ${terminalSafe(opts.notice)}`));
  if (d) {
    lines.push(`learner:     ${d.learner.name !== undefined ? terminalSafe(d.learner.name) : '—'}${d.learner.birthDate ? ` (born ${terminalSafe(d.learner.birthDate)})` : ''}`);
    for (const w of d.learner.warnings ?? []) {
      lines.push(paint('\x1b[33m', w.code === 'NAME_MIXED_SCRIPTS'
        ? `  warning:   the name mixes ${(w.scripts ?? []).join(' and ')} letters in one word (${w.items.map(terminalSafe).join(', ')}): compare it with an identity document [NAME_MIXED_SCRIPTS]`
        : `  warning:   the name holds invisible or text-direction characters (${w.items.join(', ')}) [NAME_INVISIBLE_CHARACTERS]`));
    }
    if (d.issuer) {
      const facts = [d.issuer.country, d.issuer.kind].filter(Boolean).join(', ');
      lines.push(`issuer:      ${d.issuer.name ? t(d.issuer.name) : '(not in the trust bundle)'}${facts ? ` (${facts})` : ''}  ${terminalSafe(d.issuer.id)}`);
    }
    for (const a of d.achievements) {
      const original = a.original && a.name && a.original.text !== a.name.text ? ` / ${t(a.original)}` : '';
      lines.push(`achievement: ${t(a.name)}${original}${a.code ? ` [${terminalSafe(a.code)}]` : ''}`);
      const scale = a.resultScale?.valueMin !== undefined || a.resultScale?.valueMax !== undefined ? ` (${a.resultScale?.valueMin ?? ''}–${a.resultScale?.valueMax ?? ''})` : '';
      if (a.result !== undefined) lines.push(`  result:    ${terminalSafe(a.result)}${scale}${a.resultStatus && a.resultStatus !== a.result ? `, ${terminalSafe(a.resultStatus)}` : ''}`);
      if (a.level) lines.push(`  level:     ${terminalSafe(a.level)}`);
    }
    if (d.issuedAt) lines.push(`issued:      ${d.issuedAt}${d.expiresAt ? `, expires ${d.expiresAt}` : ''}`);
    if (d.bundle) lines.push(`trust:       bundle #${d.bundle.sequence} of ${d.bundle.issuedAt} (${Math.floor(d.bundle.ageSeconds / 86400)} days old), expires ${d.bundle.expires}${d.bundle.expired ? ' — EXPIRED' : ''}`);
    if (d.statusAsOf) lines.push(`status as of ${d.statusAsOf}`);
    lines.push('');
  }
  const width = Math.max(...result.checks.map((c) => c.id.length));
  for (const c of result.checks) lines.push(`${paint(COLOUR[c.status], MARK[c.status])} ${c.id.padEnd(width)}  ${c.code}: ${terminalSafe(c.message)}`);
  lines.push(`verdict: ${paint(VERDICT_COLOUR[result.verdict], result.verdict)}`);
  return lines.join('\n') + '\n';
}
