import jsonld from 'jsonld';
import * as rdfCanonize from 'rdf-canonize';
import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { expandCompiled } from './expand-compiled.ts';

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
 * N-Quads) with the expansion compiled for our pinned contexts (expand-compiled.ts); the rest is
 * what the stock cryptosuite does: jsonld.js toRDF in safe mode with `rdfDirection:
 * 'i18n-datatype'`, then rdf-canonize. A document the compiled expansion does not know, or
 * options other than the ones Data Integrity passes, go to the stock canonize (jsonld.js
 * end to end), so the bytes signed and verified are the same either way.
 */
export async function canonizeRdfc(input: unknown, options: CanonizeOptions): Promise<string> {
  const fast = options.base === null && options.safe !== false && !options.skipExpansion && (options.rdfDirection === undefined || options.rdfDirection === 'i18n-datatype');
  if (fast) {
    const compiled = await expandCompiled(input, options.documentLoader);
    if ('expanded' in compiled) {
      const merged = { algorithm: 'RDFC-1.0', format: 'application/n-quads', base: null, safe: true, ...options };
      let dataset: unknown;
      try {
        dataset = await jsonld.toRDF(compiled.expanded, { rdfDirection: 'i18n-datatype', ...merged, format: undefined, produceGeneralizedRdf: false, skipExpansion: true });
      } catch {
        // A safe-mode warning at the RDF step: jsonld.js end to end gives the authoritative error.
        dataset = undefined;
      }
      if (dataset) return rdfCanonize.canonize(dataset, merged);
    }
  }
  return stockSuite.canonize(input, options);
}
