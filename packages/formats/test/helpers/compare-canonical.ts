import jsonld from 'jsonld';
import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { canonizeRdfc } from '../../src/lib/canonize-rdfc.ts';
import { expandCompiled } from '../../src/lib/expand-compiled.ts';

type Loader = (url: string) => Promise<{ document?: unknown }>;

export interface Comparison {
  /** The compiled expansion handled the document (else canonizeRdfc ran jsonld.js itself). */
  compiled: boolean;
  /** Why the compiled expansion declined, when it did. */
  declined?: string;
  /** Canonical N-Quads (or 'ERROR') from jsonld.js end to end, the stock eddsa-rdfc-2022 canonize. */
  reference: string;
  /** The same from canonizeRdfc. */
  ours: string;
  /** When compiled: whether the expanded document equals jsonld.expand's, key for key. */
  expandedEqual?: boolean;
}

const orError = async (p: () => Promise<string>): Promise<string> => {
  try {
    return await p();
  } catch {
    return 'ERROR';
  }
};

/**
 * Canonicalizes `doc` as Data Integrity does (base null, safe mode) through jsonld.js and through
 * canonizeRdfc. `skipReferenceWhenNotCompiled`: when the compiled expansion declines the document,
 * canonizeRdfc is the stock canonize itself, so the (slow) reference run proves nothing new.
 */
export async function compareCanonical(doc: unknown, documentLoader: Loader, opts: { skipReferenceWhenNotCompiled?: boolean } = {}): Promise<Comparison> {
  const options = { documentLoader, base: null, safe: true };
  const outcome = await expandCompiled(doc, documentLoader);
  const compiled = 'expanded' in outcome;
  const declined = 'declined' in outcome ? outcome.declined : undefined;
  if (!compiled && opts.skipReferenceWhenNotCompiled) return { compiled, declined, reference: 'SKIPPED', ours: 'SKIPPED' };
  const reference = await orError(() => stockSuite.canonize(doc, options));
  const ours = await orError(() => canonizeRdfc(doc, options));
  if (!compiled) return { compiled, declined, reference, ours };
  let expandedEqual = false;
  try {
    const theirs = await jsonld.expand(doc, options);
    expandedEqual = JSON.stringify(theirs) === JSON.stringify(outcome.expanded);
  } catch {
    expandedEqual = false;
  }
  return { compiled, reference, ours, expandedEqual };
}
