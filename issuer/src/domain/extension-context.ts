import { loadBundledContext } from '@lp/contexts';
import { IssuerError } from '../errors.ts';

/**
 * The Learning Passport extension context: terms with no home in VC 2.0 / OB 3.0 / CLR 2.0
 * (`gradeDistribution`, `notionalLearningHours`, multilingual `displayName`, …). Nothing we build
 * uses it; a caller who needs such a term opts in by adding this URL to a credential it signs
 * (`lp sign`, POST /credentials/issue with `credential`). Records issued with it before stay
 * verifiable here because every verifier of ours bundles it pinned by SHA-256.
 */
export const LP_EXTENSION_CONTEXT_URL = 'https://w3id.org/learning-passport/v1';

/** The path under which an issuer serves the extension context, for the permanent URL to redirect to. */
export const LP_EXTENSION_CONTEXT_PATH = '/contexts/learning-passport/v1';

/** The extension context document, exactly the pinned one. */
export function extensionContextDocument(): object {
  const doc = loadBundledContext(LP_EXTENSION_CONTEXT_URL);
  if (!doc) throw new IssuerError('NOT_FOUND', `${LP_EXTENSION_CONTEXT_URL} is not bundled`);
  return doc;
}
