import * as rdfCanonize from 'rdf-canonize';
import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { expandCompiled } from './expand-compiled.ts';
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
