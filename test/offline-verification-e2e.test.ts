// Issue → export the issuer's trust fragment → build a bundle → a school verifies the printed seal
// offline with `lp verify seal.png`; after a revocation and a new bundle the same seal is INVALID.
// Every step is the real `lp` command in its own process; the issuer and the school have separate
// data folders, as they would on separate machines.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, lp, tempDir } from '../issuer/test/issuer-helpers.ts';

const PASS = 'exam office passphrase';
const ANCHOR_PASS = 'regional anchor passphrase';

describe('offline verification end to end through the CLI', () => {
  const tmp = tempDir('lp-e2e-');
  const issuerEnv = { LP_DATA_DIR: 'issuer-data', LP_PASSPHRASE: PASS };
  const schoolEnv = { LP_DATA_DIR: 'school-data' };
  const issuer = (args: string[]) => lp(['issuer', ...args], { cwd: tmp.dir, env: issuerEnv });
  let anchorDid = '';
  let credentialId = '';

  const buildBundle = async (sequence: number, out: string, overrides?: (fragment: { id: string; keys: { id: string }[] }) => object) => {
    expect((await issuer(['export-trust', '--out', 'fragment.json'])).code).toBe(0);
    const extra: string[] = [];
    if (overrides) {
      const fragment = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'fragment.json'), 'utf8')) as { id: string; keys: { id: string }[] };
      fs.writeFileSync(path.join(tmp.dir, 'overrides.json'), JSON.stringify(overrides(fragment)));
      extra.push('--overrides', 'overrides.json');
    }
    const built = await lp(
      ['trust', 'build', '--anchor', 'anchor-key.json', '--add', 'fragment.json', '--sequence', String(sequence), '--expires', '2099-01-01', '--out', out, ...extra],
      { cwd: tmp.dir, env: { LP_PASSPHRASE: ANCHOR_PASS } },
    );
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
  };
  const verify = (bundle: string) =>
    lp(['verify', path.join('out', 'seals', 'C-17_BECE-MATH.png'), '--trust', bundle, '--anchor', anchorDid, '--json'], { cwd: tmp.dir, env: schoolEnv });

  beforeAll(async () => {
    expect((await issuer(['init', '--name', 'National Examinations Board', '--name-ar', 'مجلس الامتحانات الوطني', '--country', 'JO'])).code).toBe(0);
    expect((await issuer(['achievement', 'add', path.join(FIXTURES, 'catalogue.json')])).code).toBe(0);
    fs.writeFileSync(
      path.join(tmp.dir, 'results.csv'),
      'candidate_number,name,name_latin,date_of_birth,achievement_code,result\nC-17,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-MATH,452\n',
    );
    const bulk = await issuer(['bulk', 'results.csv', '--session', '2026-06', '--out', 'out', '--no-certificates']);
    expect(bulk.code).toBe(0);
    credentialId = (JSON.parse(fs.readFileSync(path.join(tmp.dir, 'out', 'records', 'C-17_BECE-MATH.json'), 'utf8')) as { id: string }).id;
    const anchor = await lp(['trust', 'init-anchor', '--out', 'anchor-key.json'], { cwd: tmp.dir, env: { LP_PASSPHRASE: ANCHOR_PASS } });
    expect(anchor.code).toBe(0);
    anchorDid = anchor.stdout.trim().split('\n').at(-1)!;
    expect(anchorDid).toMatch(/^did:key:z6Mk/);
  });
  afterAll(() => tmp.cleanup());

  it('the seal PNG verifies VALID against the bundle (exit 0); INVALID when the anchor restricts the key, and after revocation and a new bundle (exit 1)', async () => {
    await buildBundle(1, 'bundle-1.json');
    const valid = await verify('bundle-1.json');
    expect(valid.code).toBe(0);
    const result = JSON.parse(valid.stdout) as { verdict: string; checks: { id: string; status: string; code: string }[] };
    expect(result.verdict).toBe('VALID');
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);

    // The anchor lets this key sign Arabic results only: the Mathematics seal is no longer trusted.
    await buildBundle(2, 'bundle-2.json', (f) => ({ [f.id]: { kind: 'national-examination-body', keyAchievements: { [f.keys[0]!.id]: ['BECE-ARAB'] } } }));
    const restricted = await verify('bundle-2.json');
    expect(restricted.code).toBe(1);
    expect((JSON.parse(restricted.stdout) as { checks: { id: string; code: string }[] }).checks.find((c) => c.id === 'issuer_trust')?.code).toBe('KEY_NOT_AUTHORIZED_FOR_ACHIEVEMENT');

    expect((await issuer(['revoke', credentialId, '--reason', 'marks entered against the wrong candidate'])).code).toBe(0);
    await buildBundle(3, 'bundle-3.json');
    const revoked = await verify('bundle-3.json');
    expect(revoked.code).toBe(1);
    const after = JSON.parse(revoked.stdout) as { verdict: string; checks: { id: string; status: string; code: string }[] };
    expect(after.verdict).toBe('INVALID');
    expect(after.checks.find((c) => c.id === 'status')).toMatchObject({ status: 'fail', code: 'STATUS_REVOKED' });

    // The school's verifier now holds sequence 3: an older bundle no longer replaces it.
    const rolledBack = await verify('bundle-1.json');
    expect(rolledBack.code).toBe(1);
    expect(rolledBack.stdout).toContain('STATUS_REVOKED');
  });
});
