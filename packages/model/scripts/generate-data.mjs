// Turns each code list in packages/model/data/*.json into a TypeScript module in src/data/, so
// that browser bundles (esbuild), tsx and jest (swc) all load it the same way without JSON
// import attributes. Run after changing a JSON file: node packages/model/scripts/generate-data.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = {
  'languages-rtl': 'LANGUAGES_RTL_DATA',
  'isced-2011-levels': 'ISCED_2011_LEVELS_DATA',
  'isced-f-2013': 'ISCED_F_2013_DATA',
  'ob3-clr-enums': 'OB3_CLR_ENUMS_DATA',
};
for (const [name, constName] of Object.entries(files)) {
  const json = JSON.parse(readFileSync(join(root, 'data', `${name}.json`), 'utf8'));
  const body =
    `// Generated from packages/model/data/${name}.json by scripts/generate-data.mjs; do not edit.\n` +
    `export const ${constName} = ${JSON.stringify(json, null, 1)} as const;\n`;
  writeFileSync(join(root, 'src', 'data', `${name}.ts`), body);
}
