export { createDocumentLoader } from './create-document-loader.ts';
export type { DocumentLoader, DocumentLoaderOptions, LoadedDocument } from './create-document-loader.ts';
export { CONTEXT_URLS, contextDigests, loadBundledContext } from './load-bundled-context.ts';
export { checkRelatedResources } from './check-related-resources.ts';
export type { RelatedResourceOutcome, RelatedResourceReport } from './check-related-resources.ts';
export { ContextsError } from './errors.ts';
export type { ContextsErrorCode } from './errors.ts';
