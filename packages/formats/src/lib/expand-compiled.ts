import {
  type ActiveContext,
  expandIri,
  getContextValue,
  initialContext,
  isAbsoluteIri,
  isKeyword,
  processContext,
  processOptions,
  REGEX_BCP47,
} from './jsonld-internals.ts';

/**
 * A compiled JSON-LD expansion for documents whose `@context` is a list of pinned contexts (our
 * bundled ones): the JSON-LD 1.1 Expansion Algorithm (JSON-LD 1.1 API §5.1) as jsonld.js 9 runs it
 * (lib/expand.js), restricted to the constructs credentials use, with every active context and
 * every term plan (IRI, type coercion, container, language, scoped context) computed once and
 * kept. jsonld.js spends most of a credential's time re-processing the same type-scoped and
 * property-scoped contexts (cloning the active context each time); here each one is processed
 * once per context set and shape, by jsonld.js itself, and the walk over the document is linear.
 *
 * It never guesses: anything outside the subset it handles exactly (an inline context object,
 * `@list`/`@graph`/`@set` objects, `@reverse`, `@nest`, `@included`, `@index`, language, index,
 * id and type maps, an `@base`, anything jsonld.js safe mode would warn about such as a relative
 * IRI, an undefined term without `@vocab`, a malformed value object) makes it decline, saying
 * why, and the caller runs jsonld.js. The output is the expanded document jsonld.js produces,
 * key for key.
 */
export async function expandCompiled(document: unknown, documentLoader: (url: string) => Promise<{ document?: unknown }>): Promise<{ expanded: unknown[] } | { declined: string }> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return { declined: 'not a JSON object' };
  const root = await rootContextFor((document as Record<string, unknown>)['@context'], documentLoader);
  if (!root) return { declined: '@context is not a list of pinned (frozen) context documents' };
  // The walk is synchronous; the first time it meets a scoped context it has not processed it
  // stops, processes it (asynchronously, through jsonld.js) and starts again. After the first
  // document of a shape nothing is missing and there is one walk.
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      usedDocuments = new Map();
      const expanded = expandElement(INITIAL, null, document, null, root);
      // An embedded @context was compiled from the documents some loader served then: the
      // caller's loader must serve the very same ones now.
      const used = usedDocuments;
      for (const [url, doc] of used) {
        const served = await documentLoader(url).then((r) => r.document, () => undefined);
        if (served !== doc) return { declined: `embedded @context ${url} is not the pinned document` };
      }
      return { expanded: expanded === null ? [] : Array.isArray(expanded) ? expanded : [expanded] };
    } catch (err) {
      if (err instanceof NeedContext) {
        const declined = await err.compute(documentLoader);
        if (typeof declined === 'string') return { declined };
        continue;
      }
      if (err instanceof NotCompilable) return { declined: err.message };
      // Whatever else goes wrong (input no JSON parser makes, such as an object without a
      // prototype) is for jsonld.js to judge.
      return { declined: `unexpected: ${(err as Error)?.message ?? String(err)}` };
    }
  }
  return { declined: 'too many scoped contexts' };
}

const MAX_ATTEMPTS = 64;
/** Bounds on what is kept, so that hostile input cannot grow the caches without limit. */
const MAX_ROOT_CONTEXTS = 64;
const MAX_PLANS_PER_CONTEXT = 1024;
const MAX_DERIVED_CONTEXTS = 4096;
let derivedCount = 0;

type Json = Record<string, unknown>;
type Expanded = Json | Expanded[] | null;

class NotCompilable extends Error {}
type Loader = (url: string) => Promise<{ document?: unknown }>;
class NeedContext extends Error {
  /** Processes what is missing; a string is a reason to decline the document. */
  constructor(readonly compute: (documentLoader: Loader) => Promise<string | void>) {
    super('context not yet processed');
  }
}
const bail = (why: string): never => {
  throw new NotCompilable(why);
};

const INITIAL = initialContext();
// Scoped contexts are inline objects inside already-loaded contexts: nothing is loaded for them.
const OPTIONS = processOptions(async (url: string) => {
  throw new Error(`a scoped context may not load ${url} here`);
});
const IRI_OPTIONS = { base: null } as const;
const rootContexts = new Map<string, ActiveContext>();
/** The context documents the current walk relied on for embedded `@context`s (url → document). */
let usedDocuments = new Map<string, object>();

/**
 * The active context for a document's top-level `@context`: a list of URLs that the caller's
 * loader serves as frozen documents (our bundled, hash-pinned contexts are frozen when loaded;
 * a frozen document cannot change, so what was computed from it holds). Anything else, such as
 * a loader that serves copies, gets jsonld.js. Contexts are processed by jsonld.js, with a loader
 * that serves only these documents.
 */
async function rootContextFor(context: unknown, documentLoader: (url: string) => Promise<{ document?: unknown }>): Promise<ActiveContext | undefined> {
  const pinned = await loadPinnedContexts(context, documentLoader);
  if (!pinned) return undefined;
  const { urls, docs, ids } = pinned;
  const key = `${urls.join('\n')}\n${ids.join(',')}`;
  const known = rootContexts.get(key);
  if (known) return known;
  try {
    const only = async (url: string) => {
      const document = docs.get(url);
      if (!document) throw new Error(`not among the document's contexts: ${url}`);
      return { contextUrl: null, documentUrl: url, document };
    };
    const ctx = await processContext({ activeCtx: INITIAL, localCtx: urls, options: processOptions(only) });
    if (rootContexts.size < MAX_ROOT_CONTEXTS) rootContexts.set(key, ctx);
    return ctx;
  } catch {
    return undefined;
  }
}

const pinned = new WeakMap<object, boolean>();
/** A context document frozen all the way down (checked once per document). */
function isPinned(doc: unknown): doc is object {
  if (typeof doc !== 'object' || doc === null) return false;
  let known = pinned.get(doc);
  if (known === undefined) {
    const deepFrozen = (v: unknown): boolean => typeof v !== 'object' || v === null || (Object.isFrozen(v) && Object.values(v).every(deepFrozen));
    known = deepFrozen(doc);
    pinned.set(doc, known);
  }
  return known;
}

const documentIds = new WeakMap<object, number>();
let nextDocumentId = 1;
function documentId(doc: object): number {
  let id = documentIds.get(doc);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(doc, id);
  }
  return id;
}

/** What is known about one active context: the contexts derived from it and its term plans. */
interface ContextInfo {
  reverted?: ActiveContext;
  /** By the context the scoped definition is taken from, then 'p'/'t' + term. */
  derived: Map<ContextInfo, Map<string, ActiveContext | 'error'>>;
  embedded: Map<string, { ctx: ActiveContext; docs: [string, object][] } | 'error'>;
  plans: Map<string, Plan>;
}

/** The term → IRI/type/container plan of one key in one active context. */
interface Plan {
  expanded: string | null;
  /** The key as a type or @vocab-typed value: expandIri with vocab and base, computed when first needed. */
  typeIri?: string | null;
  /** `expanded` is an absolute IRI (or a blank node identifier) or a keyword. */
  usable: boolean;
  container: readonly string[];
  type: unknown;
  language: unknown;
  direction: unknown;
  scoped: boolean;
  reverse: boolean;
}

// Kept on the context object itself under a symbol (jsonld.js copies only the fields it knows
// when it clones a context, so this never leaks into a derived one): a property read is much
// cheaper than a WeakMap lookup on every key of every node.
const INFO = Symbol('lp.compiledExpansion');
function infoOf(ctx: ActiveContext): ContextInfo {
  let info = (ctx as unknown as { [INFO]?: ContextInfo })[INFO];
  if (!info) {
    info = { derived: new Map(), embedded: new Map(), plans: new Map() };
    Object.defineProperty(ctx, INFO, { value: info, enumerable: false });
  }
  return info;
}

function planOf(ctx: ActiveContext, key: string): Plan {
  const info = infoOf(ctx);
  const known = info.plans.get(key);
  if (known) return known;
  const def = ctx.mappings.get(key);
  const expanded = expandIri(ctx, key, { vocab: true }, IRI_OPTIONS);
  const plan: Plan = {
    expanded,
    usable: expanded !== null && (isAbsoluteIri(expanded) || isKeyword(expanded)),
    container: (getContextValue(ctx, key, '@container') as string[] | null) ?? [],
    type: getContextValue(ctx, key, '@type'),
    language: getContextValue(ctx, key, '@language'),
    direction: getContextValue(ctx, key, '@direction'),
    scoped: getContextValue(ctx, key, '@context') !== undefined,
    reverse: Boolean(def && def.reverse),
  };
  if (info.plans.size < MAX_PLANS_PER_CONTEXT) info.plans.set(key, plan);
  return plan;
}

/** A type (or @vocab-typed value) expanded as jsonld.js does (vocab and base), kept in the term's plan. */
function typeIriOf(ctx: ActiveContext, value: string): string | null {
  const plan = planOf(ctx, value);
  if (plan.typeIri === undefined) plan.typeIri = expandIri(ctx, value, { vocab: true, base: true }, IRI_OPTIONS);
  return plan.typeIri;
}

/**
 * An @id (or @id-typed) value as jsonld.js's expandIri with `{base: true}` expands it when the
 * result is absolute: a compact IRI through a prefix term, a blank node identifier or an IRI as
 * it is. Anything that would stay relative, or needs a base IRI, or looks like a keyword is null
 * (the caller declines). Done here rather than through jsonld.js's expandIri so that these
 * per-value calls stay fast when jsonld.js runs in the same process with its own contexts.
 */
function expandIdValue(ctx: ActiveContext, value: string): string | null {
  if (value.charCodeAt(0) === 64 /* @ */) return null;
  const colon = value.indexOf(':');
  if (colon <= 0) return null;
  const prefix = value.slice(0, colon);
  if (prefix === '_' || value.startsWith('//', colon + 1)) return isAbsoluteIri(value) ? value : null;
  const mapping = ctx.mappings.get(prefix);
  if (mapping && mapping._prefix) {
    const expanded = `${mapping['@id']}${value.slice(colon + 1)}`;
    return isAbsoluteIri(expanded) ? expanded : null;
  }
  return isAbsoluteIri(value) ? value : null;
}

/** jsonld.js `revertToPreviousContext`, once per context instead of a clone per node. */
function revert(ctx: ActiveContext): ActiveContext {
  if (!ctx.previousContext) return ctx;
  const info = infoOf(ctx);
  info.reverted ??= ctx.revertToPreviousContext();
  return info.reverted;
}

/**
 * `ctx` with the scoped context that `term` has in `source` applied (property-scoped: propagate
 * and override protected terms; type-scoped: propagate false), processed by jsonld.js once.
 */
function derive(ctx: ActiveContext, source: ActiveContext, term: string, kind: 'property' | 'type'): ActiveContext {
  const info = infoOf(ctx);
  const sourceInfo = source === ctx ? info : infoOf(source);
  let bySource = info.derived.get(sourceInfo);
  if (!bySource) info.derived.set(sourceInfo, (bySource = new Map()));
  const key = kind === 'type' ? `t${term}` : `p${term}`;
  const known = bySource.get(key);
  if (known === 'error') return bail('scoped context failed to process');
  if (known) return known;
  // Each combination of types makes its own context: past the bound, jsonld.js does the work.
  if (derivedCount >= MAX_DERIVED_CONTEXTS) return bail('too many derived contexts');
  const localCtx = getContextValue(source, term, '@context');
  throw new NeedContext(async () => {
    try {
      const next = await processContext(
        kind === 'property'
          ? { activeCtx: ctx, localCtx, options: OPTIONS, propagate: true, overrideProtected: true }
          : { activeCtx: ctx, localCtx, options: OPTIONS, propagate: false },
      );
      bySource.set(key, next);
      derivedCount++;
    } catch {
      bySource.set(key, 'error');
    }
  });
}

/**
 * `ctx` with an embedded `@context` applied (a credential inside a CLR carries its own list of
 * context URLs). Only lists of URLs whose documents are frozen are compiled; inline context
 * objects go to jsonld.js.
 */
function embeddedContext(ctx: ActiveContext, context: unknown): ActiveContext {
  const urls = typeof context === 'string' ? [context] : context;
  if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string')) return bail('inline @context');
  const info = infoOf(ctx);
  const key = (urls as string[]).join('\n');
  const known = info.embedded.get(key);
  if (known === 'error') return bail('embedded @context failed to process');
  if (known) {
    for (const [url, doc] of known.docs) usedDocuments.set(url, doc);
    return known.ctx;
  }
  if (derivedCount >= MAX_DERIVED_CONTEXTS) return bail('too many derived contexts');
  throw new NeedContext(async (documentLoader) => {
    const docs: [string, object][] = [];
    for (const url of urls as string[]) {
      const doc = await documentLoader(url).then((r) => r.document, () => undefined);
      if (!isPinned(doc)) return `embedded @context ${url} is not a pinned document`;
      docs.push([url, doc]);
    }
    try {
      const byUrl = new Map(docs);
      const only = async (url: string) => {
        const document = byUrl.get(url);
        if (!document) throw new Error(`not among the embedded contexts: ${url}`);
        return { contextUrl: null, documentUrl: url, document };
      };
      info.embedded.set(key, { ctx: await processContext({ activeCtx: ctx, localCtx: urls, options: processOptions(only) }), docs });
      derivedCount++;
    } catch {
      info.embedded.set(key, 'error');
    }
  });
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** jsonld.js util.addValue with allowDuplicate (the default). */
function addValue(subject: Json, property: string, value: unknown, propertyIsArray: boolean): void {
  if (Array.isArray(value)) {
    if (value.length === 0 && propertyIsArray && !Object.hasOwn(subject, property)) subject[property] = [];
    for (const v of value) addValue(subject, property, v, propertyIsArray);
    return;
  }
  if (Object.hasOwn(subject, property)) {
    if (!Array.isArray(subject[property])) subject[property] = [subject[property]];
    (subject[property] as unknown[]).push(value);
  } else {
    subject[property] = propertyIsArray ? [value] : value;
  }
}

/** api.expand (lib/expand.js) for one element. */
function expandElement(activeCtx: ActiveContext, activeProperty: string | null, element: unknown, typeScopedContext: ActiveContext | null, root?: ActiveContext): Expanded {
  if (element === null || element === undefined) return null;
  if (Array.isArray(element)) {
    const container = activeProperty === null ? [] : planOf(activeCtx, activeProperty).container;
    const insideList = container.includes('@list');
    let out: Expanded[] = [];
    for (const item of element) {
      let e = expandElement(activeCtx, activeProperty, item, typeScopedContext);
      // An array inside a list is a list of its own (JSON-LD 1.1 lists of lists).
      if (insideList && Array.isArray(e)) e = { '@list': e };
      if (e === null) continue;
      if (Array.isArray(e)) out = out.concat(e);
      else out.push(e);
    }
    return out;
  }
  if (typeof element !== 'object') {
    // A scalar with no property (or under @graph) is a free-floating scalar: unsafe.
    if (activeProperty === null || planOf(activeCtx, activeProperty).expanded === '@graph') bail('free-floating scalar');
    return expandValue(activeCtx, activeProperty!, element);
  }
  return expandObject(activeCtx, activeProperty, element as Json, typeScopedContext, root);
}

function expandObject(entryCtx: ActiveContext, activeProperty: string | null, element: Json, typeScopedIn: ActiveContext | null, root?: ActiveContext): Json | null {
  let activeCtx = entryCtx;
  const activePlan = activeProperty === null ? undefined : planOf(activeCtx, activeProperty);
  const expandedActiveProperty = activePlan ? activePlan.expanded : null;
  let typeScopedContext = typeScopedIn ?? (activeCtx.previousContext ? activeCtx : null);
  const keys = Object.keys(element).sort();

  // Revert a type-scoped context unless the element is a value object or a bare reference.
  let mustRevert = true;
  if (typeScopedContext && keys.length <= 2 && !keys.includes('@context')) {
    for (const key of keys) {
      const e = planOf(typeScopedContext, key).expanded;
      if (e === '@value') {
        mustRevert = false;
        activeCtx = typeScopedContext;
        break;
      }
      if (e === '@id' && keys.length === 1) {
        mustRevert = false;
        break;
      }
    }
  }
  if (mustRevert) activeCtx = revert(activeCtx);
  if (activePlan?.scoped) activeCtx = derive(activeCtx, entryCtx, activeProperty!, 'property');
  if (Object.hasOwn(element, '@context')) {
    if (root && activeCtx === INITIAL) activeCtx = root;
    else activeCtx = embeddedContext(activeCtx, element['@context']);
  }
  typeScopedContext = activeCtx;

  let typeKey: string | null = null;
  for (const key of keys) {
    if (planOf(activeCtx, key).expanded !== '@type') continue;
    typeKey ??= key;
    const value = element[key];
    const types = Array.isArray(value) ? (value.length > 1 ? value.slice().sort() : value) : [value];
    for (const type of types) {
      if (typeof type !== 'string') bail('non-string @type');
      if (planOf(typeScopedContext, type).scoped) activeCtx = derive(activeCtx, typeScopedContext, type, 'type');
    }
  }

  const rval: Json = {};
  expandObjectEntries(activeCtx, expandedActiveProperty, element, keys, rval, typeKey, typeScopedContext);

  const count = Object.keys(rval).length;
  if (Object.hasOwn(rval, '@value')) {
    checkValueObject(rval);
  } else if (Object.hasOwn(rval, '@type') && !Array.isArray(rval['@type'])) {
    rval['@type'] = [rval['@type']];
  } else if (count === 1 && Object.hasOwn(rval, '@language')) {
    bail('object with only @language');
  }
  // A top-level or graph object that jsonld.js would drop (empty, a value, only @id) is an unsafe warning.
  if ((activeProperty === null || planOf(activeCtx, activeProperty).container.includes('@graph')) && isDroppedAtTop(rval)) bail('dropped top-level object');
  return rval;
}

/** _dropUnsafeObject's test (lib/expand.js). */
function isDroppedAtTop(v: Json): boolean {
  const count = Object.keys(v).length;
  return count === 0 || Object.hasOwn(v, '@value') || Object.hasOwn(v, '@list') || (count === 1 && Object.hasOwn(v, '@id'));
}

/** The checks jsonld.js makes on a value object, as bail-outs (each is an error or a warning there). */
function checkValueObject(rval: Json): void {
  for (const k of Object.keys(rval)) if (k !== '@value' && k !== '@type' && k !== '@language' && k !== '@direction') bail('invalid value object');
  if (Object.hasOwn(rval, '@type') && (Object.hasOwn(rval, '@language') || Object.hasOwn(rval, '@direction'))) bail('typed value with language');
  const v = rval['@value'];
  if (v === null || (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) bail('@value');
  if (typeof v === 'number' && !Number.isFinite(v)) bail('non-finite number');
  if (Object.hasOwn(rval, '@language') && typeof v !== 'string') bail('language-tagged non-string');
  if (Object.hasOwn(rval, '@type')) {
    const t = rval['@type'];
    if (typeof t !== 'string' || !isAbsoluteIri(t) || t.startsWith('_:')) bail('value @type');
  }
}

/** _expandObject (lib/expand.js): each key of a node or value object, in sorted order. */
function expandObjectEntries(activeCtx: ActiveContext, expandedActiveProperty: string | null, element: Json, keys: string[], expandedParent: Json, typeKey: string | null, typeScopedContext: ActiveContext): void {
  if (typeKey !== null) {
    const first = Array.isArray(element[typeKey]) ? (element[typeKey] as unknown[])[0] : element[typeKey];
    if (typeof first === 'string' && planOf(activeCtx, first).expanded === '@json') bail('@json node');
  }
  for (const key of keys) {
    if (key === '@context') continue;
    const value = element[key];
    const plan = planOf(activeCtx, key);
    const ep = plan.expanded;
    if (!plan.usable) bail(`invalid property ${JSON.stringify(key)}`);
    if (ep!.charCodeAt(0) === 64 /* @ */) {
      if (expandedActiveProperty === '@reverse') bail('@reverse');
      if (Object.hasOwn(expandedParent, ep!) && ep !== '@type') bail('colliding keywords');
      expandKeyword(activeCtx, ep!, value, expandedParent, typeScopedContext);
      continue;
    }
    if (ep!.startsWith('_:')) bail('blank node property');
    // Plain, @set and @graph containers are compiled; language, index, id, type and list maps
    // are left to jsonld.js.
    let graph = false;
    let list = false;
    for (const c of plan.container) {
      if (c === '@graph') graph = true;
      else if (c === '@list') list = true;
      else if (c !== '@set') bail(`container ${c}`);
    }
    const termCtx = plan.scoped ? derive(activeCtx, activeCtx, key, 'property') : activeCtx;
    let expandedValue: unknown;
    if (plan.type === '@json') {
      expandedValue = { '@type': '@json', '@value': value };
    } else {
      expandedValue = expandElement(termCtx, key, value, null);
    }
    if (expandedValue === null) continue;
    if (list && !(isObject(expandedValue) && Object.hasOwn(expandedValue, '@list'))) {
      expandedValue = { '@list': Array.isArray(expandedValue) ? expandedValue : [expandedValue] };
    }
    if (graph) {
      // Each value becomes a named graph (JSON-LD 1.1 API §5.1.2 step 13.9); a value jsonld.js
      // would drop there (only @id, a value object, empty) is an unsafe warning.
      const values = Array.isArray(expandedValue) ? expandedValue : [expandedValue];
      for (const v of values) if (!isObject(v) || isDroppedAtTop(v)) bail('dropped graph value');
      if (values.length === 0) continue;
      expandedValue = values.map((v) => ({ '@graph': [v] }));
    }
    if (planOf(termCtx, key).reverse) bail('reverse property');
    addValue(expandedParent, ep!, expandedValue, true);
  }
}

function expandKeyword(activeCtx: ActiveContext, keyword: string, value: unknown, expandedParent: Json, typeScopedContext: ActiveContext): void {
  switch (keyword) {
    case '@id': {
      if (typeof value !== 'string') return bail('@id not a string');
      const ve = expandIdValue(activeCtx, value);
      if (ve === null) bail('relative or reserved @id');
      expandedParent['@id'] = ve;
      return;
    }
    case '@type': {
      const list = Array.isArray(value) ? value : [value];
      for (const v of list) {
        if (typeof v !== 'string') bail('@type value');
        const ve = typeIriOf(typeScopedContext, v as string);
        if (ve === null || ve === '@json' || !isAbsoluteIri(ve)) bail('relative @type');
        addValue(expandedParent, '@type', ve, false);
      }
      return;
    }
    case '@value': {
      if (value === null || typeof value === 'object') bail('@value');
      expandedParent['@value'] = value;
      return;
    }
    case '@language': {
      if (value === null) return;
      if (typeof value !== 'string') return bail('@language');
      const lower = value.toLowerCase();
      if (!REGEX_BCP47.test(lower)) bail('invalid @language');
      expandedParent['@language'] = lower;
      return;
    }
    case '@direction': {
      if (value !== 'ltr' && value !== 'rtl') bail('@direction');
      expandedParent['@direction'] = value;
      return;
    }
    default:
      bail(`keyword ${keyword}`);
  }
}

/** _expandValue (lib/expand.js): a scalar under a term. */
function expandValue(activeCtx: ActiveContext, activeProperty: string, value: unknown): Json {
  const plan = planOf(activeCtx, activeProperty);
  const ep = plan.expanded;
  if (ep === '@id' || ep === '@type' || isKeyword(ep)) bail('scalar under a keyword');
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return bail('not a JSON scalar');
  if (typeof value === 'number' && !Number.isFinite(value)) bail('non-finite number');
  const type = plan.type;
  if ((type === '@id' || ep === '@graph') && typeof value === 'string') {
    const ve = expandIdValue(activeCtx, value);
    if (ve === null) bail('relative IRI value');
    return { '@id': ve };
  }
  if (type === '@vocab' && typeof value === 'string') {
    const ve = typeIriOf(activeCtx, value);
    if (ve === null || !isAbsoluteIri(ve)) bail('relative vocab value');
    return { '@id': ve };
  }
  const rval: Json = {};
  if (type && type !== '@id' && type !== '@vocab' && type !== '@none') {
    rval['@type'] = type;
  } else if (typeof value === 'string') {
    if (plan.language !== null) rval['@language'] = plan.language;
    if (plan.direction !== null) rval['@direction'] = plan.direction;
  }
  rval['@value'] = value;
  return rval;
}

/**
 * A key naming the context documents a top-level `@context` (a URL or a list of URLs) resolves
 * to through `documentLoader`, when every one is a pinned (deeply frozen) document: two calls
 * with the same key see the same contexts. Undefined when any is not pinned or fails to load.
 */
export async function pinnedContextsKey(context: unknown, documentLoader: (url: string) => Promise<{ document?: unknown }>): Promise<string | undefined> {
  return (await loadPinnedContexts(context, documentLoader))?.ids.join(',');
}

/**
 * The documents of a top-level `@context` (a URL or a list of URLs) with the identity of each,
 * when every one loads and is pinned (deeply frozen); undefined otherwise.
 */
async function loadPinnedContexts(
  context: unknown,
  documentLoader: (url: string) => Promise<{ document?: unknown }>,
): Promise<{ urls: string[]; docs: Map<string, object>; ids: number[] } | undefined> {
  const urls: unknown = typeof context === 'string' ? [context] : context;
  if (!Array.isArray(urls) || urls.length === 0) return undefined;
  const docs = new Map<string, object>();
  const ids: number[] = [];
  for (const url of urls) {
    if (typeof url !== 'string') return undefined;
    let doc: unknown;
    try {
      doc = (await documentLoader(url)).document;
    } catch {
      return undefined;
    }
    if (!isPinned(doc)) return undefined;
    docs.set(url, doc);
    ids.push(documentId(doc));
  }
  return { urls: urls as string[], docs, ids };
}
