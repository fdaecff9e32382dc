import contextApi from 'jsonld/lib/context.js';
import ContextResolver from 'jsonld/lib/ContextResolver.js';
import eventsApi from 'jsonld/lib/events.js';
import urlApi from 'jsonld/lib/url.js';
import utilApi from 'jsonld/lib/util.js';

/**
 * The parts of jsonld.js (9.x) that the compiled expansion reuses instead of re-implementing:
 * context processing (term definitions, protection, propagation, scoped contexts), IRI expansion
 * and the value lookups of a term definition. Reusing them is what keeps the compiled expansion
 * equal to jsonld.js by construction; only the walk over the document is ours.
 */

/** A jsonld.js active context (lib/context.js): term definitions and defaults. */
export interface ActiveContext {
  mappings: Map<string, TermDefinition | null>;
  previousContext?: ActiveContext;
  revertToPreviousContext(): ActiveContext;
  readonly [key: string]: unknown;
}

/** A jsonld.js term definition (only what is read here). */
export interface TermDefinition {
  '@id'?: string;
  reverse?: boolean;
  [key: string]: unknown;
}

export interface IriRelativeTo {
  vocab?: boolean;
  base?: boolean;
}

export interface ProcessOptions {
  documentLoader: (url: string) => Promise<unknown>;
  base: null;
  safe: true;
  contextResolver: unknown;
  eventHandler: unknown;
}

const ctxApi = contextApi as {
  process(args: { activeCtx: ActiveContext; localCtx: unknown; options: ProcessOptions; propagate?: boolean; overrideProtected?: boolean }): Promise<ActiveContext>;
  expandIri(ctx: ActiveContext, value: string, relativeTo: IriRelativeTo, options: { base: null }): string | null;
  getContextValue(ctx: ActiveContext, key: string, type: string): unknown;
  getInitialContext(options: { processingMode?: string }): ActiveContext;
  isKeyword(value: unknown): boolean;
};

/** jsonld.js `context.process`: a new active context from a local one. */
export const processContext = ctxApi.process;
/** jsonld.js `expandIri`. */
export const expandIri = ctxApi.expandIri;
/** jsonld.js `getContextValue` (null when unset; undefined for an unset `@context`). */
export const getContextValue = ctxApi.getContextValue;
/** jsonld.js `isKeyword`. */
export const isKeyword = ctxApi.isKeyword;
const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/;
/**
 * jsonld.js url `isAbsolute` (which also accepts blank node identifiers `_:x`), for strings: the
 * same pattern (a test holds them equal), kept apart so that it stays fast beside jsonld.js.
 */
export const isAbsoluteIri = (v: string): boolean => ABSOLUTE.test(v);
/** jsonld.js url `isAbsolute` itself. */
export const jsonldIsAbsolute = (urlApi as { isAbsolute(v: unknown): boolean }).isAbsolute;
/** jsonld.js's initial active context for JSON-LD 1.1. */
export const initialContext = (): ActiveContext => ctxApi.getInitialContext({});

/**
 * Options for context processing as jsonld.js builds them for `safe: true` (its safe event
 * handler turns every unsafe warning into an error), with its own context resolver over a small
 * private cache.
 */
export function processOptions(documentLoader: ProcessOptions['documentLoader']): ProcessOptions {
  const Resolver = ContextResolver as new (opts: { sharedCache: Map<unknown, unknown> }) => unknown;
  return {
    documentLoader,
    base: null,
    safe: true,
    contextResolver: new Resolver({ sharedCache: new Map() }),
    eventHandler: (eventsApi as { setupEventHandler(o: { options: { safe: boolean } }): unknown }).setupEventHandler({ options: { safe: true } }),
  };
}

/** jsonld.js's BCP 47 check for `@language` (a mismatch is an unsafe warning). */
export const REGEX_BCP47 = (utilApi as { REGEX_BCP47: RegExp }).REGEX_BCP47;
