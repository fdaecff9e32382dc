import * as rdfCanonize from 'rdf-canonize';
import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { expandCompiled, pinnedContextsKey } from './expand-compiled.ts';
import { expandedToQuads } from './expanded-to-quads.ts';

export interface CanonizeOptions {
  documentLoader: (url: string) => Promise<{ document?: unknown }>;
  base?: string | null;
  safe?: boolean;
  skipExpansion?: boolean;
  rdfDirection?: string;
  [key: string]: unknown;
}

/**
 * The eddsa-rdfc-2022 canonicalization (vc-di-eddsa §3.3.3: JSON-LD to RDF, then RDFC-1.0 to
 * N-Quads) with the expansion compiled for our pinned contexts (expand-compiled.ts) and the RDF
 * dataset written straight from it (expanded-to-quads.ts: what jsonld.js toRDF gives with
 * `rdfDirection: 'i18n-datatype'`), then rdf-canonize as the stock cryptosuite does. A document
 * the compiled expansion does not know, or
 * options other than the ones Data Integrity passes, go to the stock canonize (jsonld.js
 * end to end), so the bytes signed and verified are the same either way.
 */
export async function canonizeRdfc(input: unknown, options: CanonizeOptions): Promise<string> {
  // A Data Integrity proof's options (type, created, verificationMethod, cryptosuite,
  // proofPurpose, @context) are canonicalized for every signature, and a bulk run signs a whole
  // task with the same ones. Canonical N-Quads are a function of the document, the options and
  // the context documents its @context resolves to, so the last flat document's answer is kept
  // under its JSON text, its options' JSON text and the identity of its pinned (frozen) context
  // documents: Data Integrity wraps the caller's loader anew for every proof, so the loader
  // itself cannot be the key. Any other document is canonicalized as before.
  const key = await flatKeyOf(input, options);
  if (key !== undefined && key === lastFlat.key) return lastFlat.nquads;
  const nquads = await canonizeUncached(input, options);
  if (key !== undefined) lastFlat = { key, nquads };
  return nquads;
}

let lastFlat: { key: string | undefined; nquads: string } = { key: undefined, nquads: '' };

/**
 * For a document whose values are all strings or short arrays of strings (proof options) and
 * whose contexts are all pinned: its JSON text, its options' and its contexts' identity.
 * Undefined for any other document.
 */
async function flatKeyOf(input: unknown, options: CanonizeOptions): Promise<string | undefined> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  for (const k in input) {
    const v = (input as Record<string, unknown>)[k];
    if (typeof v === 'string') continue;
    if (!Array.isArray(v) || v.length > 8) return undefined;
    for (const x of v) if (typeof x !== 'string') return undefined;
  }
  const contexts = await pinnedContextsKey((input as Record<string, unknown>)['@context'], options.documentLoader);
  if (contexts === undefined) return undefined;
  // Options other than the loader must be plain values for their JSON text to name them.
  for (const k in options) {
    const v = options[k];
    if (k === 'documentLoader' || v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') continue;
    return undefined;
  }
  return `${contexts}\n${JSON.stringify(options)}\n${JSON.stringify(input)}`;
}

async function canonizeUncached(input: unknown, options: CanonizeOptions): Promise<string> {
  const fast = options.base === null && options.safe !== false && !options.skipExpansion && (options.rdfDirection === undefined || options.rdfDirection === 'i18n-datatype');
  if (fast) {
    const compiled = await expandCompiled(input, options.documentLoader);
    if ('expanded' in compiled) {
      const merged = { algorithm: 'RDFC-1.0', format: 'application/n-quads', base: null, safe: true, ...options };
      let dataset: unknown;
      try {
        dataset = expandedToQuads(compiled.expanded);
      } catch {
        // Nothing the compiled expansion lets through should fail here; if it does, jsonld.js decides.
        dataset = undefined;
      }
      if (dataset) return rdfCanonize.canonize(dataset, merged);
    }
  }
  return stockSuite.canonize(input, options);
}
