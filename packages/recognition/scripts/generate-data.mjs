// Turns the data files of packages/recognition/data/ into TypeScript modules in src/data/, so that
// browser bundles (esbuild), tsx and jest (swc) all load them the same way, with no file read at
// run time. The CSV travels as its exact text and is parsed by the same code everywhere.
// Run after changing a data file: node packages/recognition/scripts/generate-data.mjs
// test/data-modules.test.ts fails when a module drifts from its file.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const text = (file, constName) => ({ file, constName, value: JSON.stringify(readFileSync(join(root, 'data', file), 'utf8')) });
const json = (file, constName) => ({ file, constName, value: JSON.stringify(JSON.parse(readFileSync(join(root, 'data', file), 'utf8')), null, 1) + ' as const' });
const modules = {
  'education-systems-csv': text('education-systems.csv', 'EDUCATION_SYSTEMS_CSV'),
  'default-policy': json('default-policy.json', 'DEFAULT_POLICY_DATA'),
  'messages-en': json('messages.en.json', 'MESSAGES_EN_DATA'),
};
for (const [name, m] of Object.entries(modules)) {
  const body =
    `// Generated from packages/recognition/data/${m.file} by scripts/generate-data.mjs; do not edit.\n` +
    `export const ${m.constName} = ${m.value};\n`;
  writeFileSync(join(root, 'src', 'data', `${name}.ts`), body);
}
