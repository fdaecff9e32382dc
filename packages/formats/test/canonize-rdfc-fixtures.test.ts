import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createDocumentLoader } from '@lp/contexts';
import { compareCanonical } from './helpers/compare-canonical.ts';
import { expandCompiled } from '../src/lib/expand-compiled.ts';

// Every credential in the repository's fixtures and vectors (ours, the 1EdTech OB 3.0 / CLR 2.0
// files, DCC, the W3C vc-di-eddsa and Bitstring Status List vectors): the compiled expansion must
// give canonical N-Quads identical to jsonld.js, for the document as Data Integrity canonicalizes
// it (without its proof), for the document with its proof, and for each proof's options document.
// Where it declines (a context that is not bundled, an @graph proof, …) canonizeRdfc is jsonld.js.
const root = new URL('../../../', import.meta.url);
const DIRS = ['test/fixtures', 'test/vectors/1edtech', 'test/vectors/dcc', 'test/vectors/w3c-vc-di-eddsa', 'packages/status/test/vectors'];
const PLACEHOLDER_CONTEXT = 'https://learning-passport.example/contexts/lp-v1.jsonld';
const LP_CONTEXT = 'https://w3id.org/learning-passport/v1';

type Json = Record<string, unknown>;

function jsonFiles(dir: URL): URL[] {
  const out: URL[] = [];
  for (const name of readdirSync(dir).sort()) {
    const u = new URL(name, dir);
    if (statSync(u).isDirectory()) out.push(...jsonFiles(new URL(`${name}/`, dir)));
    else if (name.endsWith('.json')) out.push(u);
  }
  return out;
}

/** Every object with an `@context` found in a parsed file (a vector file holds several). */
function documentsIn(value: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const v of value) documentsIn(v, out);
  else if (typeof value === 'object' && value !== null) {
    if ('@context' in value) out.push(value as Json);
    else for (const v of Object.values(value)) documentsIn(v, out);
  }
  return out;
}

/** What Data Integrity canonicalizes for a document: itself without proof, and each proof's options. */
function canonicalizedForms(doc: Json): [string, unknown][] {
  const { proof, ...unsecured } = doc;
  const forms: [string, unknown][] = [['document without proof', unsecured]];
  if (proof === undefined) return forms;
  forms.push(['document with proof', doc]);
  const proofs = Array.isArray(proof) ? proof : [proof];
  proofs.forEach((p, i) => {
    if (typeof p !== 'object' || p === null) return;
    const { proofValue: _omit, ...options } = p as Json;
    forms.push([`proof ${i} options`, { '@context': doc['@context'], ...options }]);
  });
  return forms;
}

const withBundledLpContext = (doc: Json): Json => JSON.parse(JSON.stringify(doc).replaceAll(PLACEHOLDER_CONTEXT, LP_CONTEXT)) as Json;

const cases: [string, unknown][] = [];
for (const dir of DIRS) {
  for (const file of jsonFiles(new URL(`${dir}/`, root))) {
    const rel = file.pathname.slice(root.pathname.length);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    documentsIn(parsed).forEach((doc, d) => {
      const fixed = JSON.stringify(doc).includes(PLACEHOLDER_CONTEXT) ? withBundledLpContext(doc) : doc;
      for (const [form, value] of canonicalizedForms(fixed)) cases.push([`${rel}#${d} ${form}`, value]);
    });
  }
}

describe('canonizeRdfc equals jsonld.js on every fixture', () => {
  const documentLoader = createDocumentLoader();
  const compiledNames: string[] = [];

  it('finds the fixtures', () => {
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(cases)('%s', async (name, doc) => {
    const r = await compareCanonical(doc, documentLoader);
    expect(r.ours).toBe(r.reference);
    if (r.compiled) {
      expect(r.expandedEqual).toBe(true);
      compiledNames.push(name);
    }
  });

  it('compiles the credentials we issue and most of the others', () => {
    // Our own records and their proofs must take the compiled path (the point of it), and so
    // must the bulk of the foreign ones; the rest are named by the test above.
    for (const name of [
      'test/fixtures/example-achievement-credential-grade9-math.json#0 document without proof',
      'test/fixtures/example-clr-credential-grade9-transcript.json#0 document without proof',
      'test/vectors/w3c-vc-di-eddsa/eddsa-rdfc-2022.json#0 document without proof',
    ]) {
      expect(compiledNames).toContain(name);
    }
    expect(compiledNames.filter((n) => n.includes('proof 0 options')).length).toBeGreaterThan(20);
    expect(compiledNames.length / cases.length).toBeGreaterThan(0.5);
  });

  it('takes the compiled path only when the loader serves the pinned, frozen documents', async () => {
    const doc = JSON.parse(readFileSync(new URL('test/fixtures/example-achievement-credential-grade9-math.json', root), 'utf8').replaceAll(PLACEHOLDER_CONTEXT, LP_CONTEXT)) as Json;
    const copies = async (url: string) => ({ document: structuredClone((await documentLoader(url)).document) });
    // Frozen at the top only: what it holds could still change under a compiled plan.
    const shallow = async (url: string) => ({ document: Object.freeze(structuredClone((await documentLoader(url)).document)) });
    expect('expanded' in (await expandCompiled(doc, documentLoader))).toBe(true);
    for (const loader of [copies, shallow]) {
      const outcome = await expandCompiled(doc, loader);
      expect('declined' in outcome && outcome.declined).toMatch(/pinned/);
      const r = await compareCanonical(doc, loader);
      expect(r.compiled).toBe(false);
      expect(r.ours).toBe(r.reference);
    }
  });
});
