// The first-start DEMO never touches a real issuer's data directory, and a configured trust
// bundle wins over it.
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preparePagesTrust } from '../src/demo/prepare-demo.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lp-demo-'));

describe('DEMO seeding', () => {
  test('a data directory holding an issuer gets no demo', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'issuer.sqlite'), '');
    expect(await seedDemo(dir)).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'demo'))).toBe(false);
    const trust = await preparePagesTrust({ LP_DATA_DIR: dir }, dir, () => undefined);
    expect(trust.demoIssuer).toBeUndefined();
  });

  test('LP_TRUST_BUNDLE and LP_TRUST_ANCHORS win over the demo', async () => {
    const dir = tmp();
    const trust = await preparePagesTrust({ LP_DATA_DIR: dir, LP_TRUST_BUNDLE: 'b.json', LP_TRUST_ANCHORS: 'did:key:z6MkA, did:key:z6MkB' }, dir, () => undefined);
    expect(trust).toMatchObject({ bundlePath: path.join(dir, 'b.json'), anchors: ['did:key:z6MkA', 'did:key:z6MkB'], demoIssuer: undefined });
    expect(fs.existsSync(path.join(dir, 'demo'))).toBe(false);
  });

  test('LP_DEMO=0 turns it off', async () => {
    const dir = tmp();
    const trust = await preparePagesTrust({ LP_DATA_DIR: dir, LP_DEMO: '0' }, dir, () => undefined);
    expect(trust.bundlePath).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'demo'))).toBe(false);
  });
});
