// `lp verify --lang L` in the pages' ten languages: the real CLI as a child process (clock set with
// --now, nothing reaches the network) prints each check in L by its code (the page's own message
// for that code) and the verdict in L, while the codes and the last line `verdict: …` stay as in
// English; English output is unchanged by --lang en.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLocale, LANGUAGES } from '@lp/web-kit';
import { forbidNetwork, issue, makeWorld, NOW, REVOKED_INDEX, type World } from '../../packages/verify/test/lib/make-world.ts';
import { TERMINAL_LABELS, terminalLanguageOf } from '../src/cli/terminal-messages.ts';
import { loadResources } from '../web/lib/resources.ts';
import { lp } from './helpers.ts';

const AT = ['--now', NOW.toISOString()];
const PAGE = loadResources() as unknown as Record<string, { translation: { code: Record<string, string>; verdict: Record<string, string> } }>;
const RTL = new Set(['ar', 'fa', 'prs', 'ps', 'ur']);
let world: World;
let dir: string;
let env: Record<string, string>;
let net: ReturnType<typeof forbidNetwork>;

beforeAll(async () => {
  net = forbidNetwork();
  world = await makeWorld();
  dir = mkdtempSync(join(tmpdir(), 'lp-verify-lang-'));
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(world.jws));
  writeFileSync(join(dir, 'seal.txt'), world.good.seal + '\n');
  writeFileSync(join(dir, 'record.json'), JSON.stringify(world.good.di));
  writeFileSync(join(dir, 'revoked.txt'), (await issue(world.issuer, { status: [{ purpose: 'revocation', index: REVOKED_INDEX }] })).seal);
  env = { LP_DATA_DIR: join(dir, 'data') };
}, 300_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  net.restore();
});

const withTrust = (file: string, lang?: string) => ['verify', file, '--trust', 'bundle.json', '--anchor', world.anchor.did, ...AT, ...(lang ? ['--lang', lang] : [])];
/** The check lines' codes, in order (`ok   signature     SIGNATURE_VALID: …`). */
const codesOf = (stdout: string) => [...stdout.matchAll(/^(?:ok {2}|FAIL|\?\? {2}|-- {2}) \S+\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
const isolated = (lang: string, s: string) => (RTL.has(lang) ? `\u2067${s}\u2069` : s);
/** The start of the translated verdict line's value: the word and a dash (isolate opened for RTL). */
const verdictStart = (lang: string, word: string) => `${RTL.has(lang) ? '\u2067' : ''}${word} — `;

describe('terminal labels', () => {
  it('every page language has a table', () => {
    expect(LANGUAGES.map((l) => l.code).filter((c) => !(c in TERMINAL_LABELS))).toEqual([]);
  });
  it.each(Object.keys(TERMINAL_LABELS).filter((l) => l !== 'en'))('%s: every label, same placeholders, translated', (lang) => {
    const same: Record<string, string[]> = { fr: ['verdict'] };
    expect(checkLocale(TERMINAL_LABELS.en, TERMINAL_LABELS[lang as keyof typeof TERMINAL_LABELS], lang, same[lang])).toEqual([]);
  });
  it.each([['fa-AF', 'prs'], ['prs-AF', 'prs'], ['ur-PK', 'ur'], ['es-419', 'es'], ['de', 'en'], [undefined, 'en']])('%s → %s', (tag, lang) => {
    expect(terminalLanguageOf(tag)).toBe(lang);
  });
});

describe('lp verify --lang', () => {
  let english: string;
  beforeAll(async () => {
    const r = await lp(withTrust('seal.txt'), { cwd: dir, env });
    expect(r.code).toBe(0);
    english = r.stdout;
  }, 300_000);

  it('en prints exactly what no --lang prints', async () => {
    const r = await lp(withTrust('seal.txt', 'en'), { cwd: dir, env });
    expect(r.stdout).toBe(english);
    expect(english).toMatch(/\nverdict: VALID\n$/);
  });

  it.each(['es', 'tr', 'prs', 'ps', 'ur', 'fr', 'ar'])('%s: every check message and the verdict in that language; codes and the last line as in English', async (lang) => {
    const r = await lp(withTrust('seal.txt', lang), { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const codes = codesOf(r.stdout);
    expect(codes).toEqual(codesOf(english));
    expect(codes.length).toBeGreaterThanOrEqual(8);
    const page = PAGE[lang]!.translation;
    for (const code of codes) expect(r.stdout).toContain(`${code}: ${isolated(lang, page.code[code]!)}`);
    expect(r.stdout).toContain(verdictStart(lang, page.verdict.VALID!));
    expect(r.stdout).toContain(isolated(lang, TERMINAL_LABELS[lang as keyof typeof TERMINAL_LABELS].learner));
    expect(r.stdout).toMatch(/\nverdict: VALID\n$/);
    // Nothing left in English but the codes, ids, values and the last line.
    expect(r.stdout).not.toContain('The signature is genuine');
  });

  it('fa-AF reads Dari; a revoked seal in Pashto is INVALID (exit 1) with the Pashto reason', async () => {
    const dari = await lp(withTrust('seal.txt', 'fa-AF'), { cwd: dir, env });
    expect(dari.stdout).toContain(isolated('prs', PAGE.prs!.translation.code.SIGNATURE_VALID!));
    const r = await lp(withTrust('revoked.txt', 'ps'), { cwd: dir, env: { LP_DATA_DIR: join(dir, 'data-revoked') } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`STATUS_REVOKED: ${isolated('ps', PAGE.ps!.translation.code.STATUS_REVOKED!)}`);
    expect(r.stdout).toContain(verdictStart('ps', PAGE.ps!.translation.verdict.INVALID!));
    expect(r.stdout).toMatch(/\nverdict: INVALID\n$/);
  });

  it('a full record without a trust bundle, in Turkish', async () => {
    const r = await lp(['verify', 'record.json', ...AT, '--lang', 'tr'], { cwd: dir, env });
    const codes = codesOf(r.stdout);
    expect(codes).toContain('SIGNATURE_VALID');
    for (const code of codes) expect(r.stdout).toContain(`${code}: ${PAGE.tr!.translation.code[code]}`);
    expect(r.stdout).toMatch(/\nverdict: (VALID|UNKNOWN)\n$/);
  });
});
