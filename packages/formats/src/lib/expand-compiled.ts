import { CONTEXT_URLS, loadBundledContext } from '@lp/contexts';
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
 * A compiled JSON-LD expansion for documents whose `@context` is a list of our bundled, pinned
 * contexts: the JSON-LD 1.1 Expansion Algorithm (JSON-LD 1.1 API §5.1) as jsonld.js 9 runs it
 * (lib/expand.js), restricted to the constructs credentials use, with every active context and
 * every term plan (IRI, type coercion, container, language, scoped context) computed once and
 * kept. jsonld.js spends most of a credential's time re-processing the same type-scoped and
 * property-scoped contexts (cloning the active context each time); here each one is processed
 * once per context set and shape, by jsonld.js itself, and the walk over the document is linear.
 *
 * It never guesses: anything outside the subset it handles exactly (a local `@context`, `@list`,
 * `@graph`, `@reverse`, `@nest`, `@included`, `@index`, language/index/id/type maps, anything
 * jsonld.js safe mode would warn about such as a relative IRI, an undefined term without
 * `@vocab`, a malformed value object) makes it answer `undefined`, and the caller runs jsonld.js.
 * The output is the expanded document jsonld.js produces, key for key.
 */
export async function expandCompiled(document: unknown, documentLoader: (url: string) => Promise<{ document?: unknown }>): Promise<unknown[] | undefined> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const root = await rootContextFor((document as Record<string, unknown>)['@context'], documentLoader);
  if (!root) return undefined;
  // The walk is synchronous; the first time it meets a scoped context it has not processed it
  // stops, processes it (asynchronously, through jsonld.js) and starts again. After the first
  // document of a shape nothing is missing and there is one walk.
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      const expanded = expandElement(INITIAL, null, document, null, root);
      return expanded === null ? [] : Array.isArray(expanded) ? expanded : [expanded];
    } catch (err) {
      if (err instanceof NeedContext) {
        await err.compute();
        continue;
      }
      if (err instanceof NotCompilable) return undefined;
      throw err;
    }
  }
  return undefined;
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
class NeedContext extends Error {
  constructor(readonly compute: () => Promise<void>) {
    super('context not yet processed');
  }
}
const bail = (why: string): never => {
  throw new NotCompilable(why);
};

const INITIAL = initialContext();
const bundledOnly = async (url: string) => {
  const document = loadBundledContext(url);
  if (!document) throw new Error(`not bundled: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};
const OPTIONS = processOptions(bundledOnly);
const IRI_OPTIONS = { base: null } as const;
const BUNDLED = new Set(CONTEXT_URLS);
const rootContexts = new Map<string, ActiveContext>();

/**
 * The active context for a document's top-level `@context`, when it is a list of bundled context
 * URLs that the caller's loader serves as the very pinned documents (a loader that serves
 * something else for them gets jsonld.js).
 */
async function rootContextFor(context: unknown, documentLoader: (url: string) => Promise<{ document?: unknown }>): Promise<ActiveContext | undefined> {
  const urls = typeof context === 'string' ? [context] : context;
  if (!Array.isArray(urls) || urls.length === 0) return undefined;
  for (const url of urls) {
    if (typeof url !== 'string' || !BUNDLED.has(url)) return undefined;
    try {
      if ((await documentLoader(url)).document !== loadBundledContext(url)) return undefined;
    } catch {
      return undefined;
    }
  }
  const key = urls.join('\n');
  const known = rootContexts.get(key);
  if (known) return known;
  try {
    const ctx = await processContext({ activeCtx: INITIAL, localCtx: urls, options: OPTIONS });
    if (rootContexts.size < MAX_ROOT_CONTEXTS) rootContexts.set(key, ctx);
    return ctx;
  } catch {
    return undefined;
  }
}

/** What is known about one active context: the contexts derived from it and its term plans. */
interface ContextInfo {
  id: number;
  reverted?: ActiveContext;
  derived: Map<string, ActiveContext | 'error'>;
  plans: Map<string, Plan>;
}

/** The term → IRI/type/container plan of one key in one active context. */
interface Plan {
  expanded: string | null;
  container: readonly string[];
  type: unknown;
  language: unknown;
  direction: unknown;
  scoped: boolean;
  reverse: boolean;
}

const infos = new WeakMap<ActiveContext, ContextInfo>();
let nextId = 1;
function infoOf(ctx: ActiveContext): ContextInfo {
  let info = infos.get(ctx);
  if (!info) {
    info = { id: nextId++, derived: new Map(), plans: new Map() };
    infos.set(ctx, info);
  }
  return info;
}

function planOf(ctx: ActiveContext, key: string): Plan {
  const info = infoOf(ctx);
  const known = info.plans.get(key);
  if (known) return known;
  const def = ctx.mappings.get(key);
  const plan: Plan = {
    expanded: expandIri(ctx, key, { vocab: true }, IRI_OPTIONS),
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
  const key = `${kind}\u0000${infoOf(source).id}\u0000${term}`;
  const known = info.derived.get(key);
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
      info.derived.set(key, next);
      derivedCount++;
    } catch {
      info.derived.set(key, 'error');
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
    if (container.includes('@list')) bail('@list');
    let out: Expanded[] = [];
    for (const item of element) {
      const e = expandElement(activeCtx, activeProperty, item, typeScopedContext);
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
    // Only the document's own top-level list of bundled contexts is compiled.
    if (!root || activeCtx !== INITIAL) bail('local @context');
    activeCtx = root!;
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
  // A top-level object that jsonld.js would drop (empty, a value, only @id) is an unsafe warning.
  if (activeProperty === null && (count === 0 || Object.hasOwn(rval, '@value') || (count === 1 && Object.hasOwn(rval, '@id')))) bail('dropped top-level object');
  return rval;
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
    if (ep === null || !(isAbsoluteIri(ep) || isKeyword(ep))) bail('invalid property');
    if (isKeyword(ep)) {
      if (expandedActiveProperty === '@reverse') bail('@reverse');
      if (Object.hasOwn(expandedParent, ep!) && ep !== '@type') bail('colliding keywords');
      expandKeyword(activeCtx, ep!, value, expandedParent, typeScopedContext);
      continue;
    }
    if (ep!.startsWith('_:')) bail('blank node property');
    // Anything but a plain or @set container (language, index, id, type, list, graph) is left to jsonld.js.
    for (const c of plan.container) if (c !== '@set') bail(`container ${c}`);
    const termCtx = plan.scoped ? derive(activeCtx, activeCtx, key, 'property') : activeCtx;
    let expandedValue: unknown;
    if (plan.type === '@json') {
      expandedValue = { '@type': '@json', '@value': value };
    } else {
      expandedValue = expandElement(termCtx, key, value, null);
    }
    if (expandedValue === null) continue;
    if (planOf(termCtx, key).reverse) bail('reverse property');
    addValue(expandedParent, ep!, expandedValue, true);
  }
}

function expandKeyword(activeCtx: ActiveContext, keyword: string, value: unknown, expandedParent: Json, typeScopedContext: ActiveContext): void {
  switch (keyword) {
    case '@id': {
      if (typeof value !== 'string') return bail('@id not a string');
      const ve = expandIri(activeCtx, value, { base: true }, IRI_OPTIONS);
      if (ve === null || !isAbsoluteIri(ve)) bail('relative or reserved @id');
      expandedParent['@id'] = ve;
      return;
    }
    case '@type': {
      const list = Array.isArray(value) ? value : [value];
      for (const v of list) {
        if (typeof v !== 'string') bail('@type value');
        const ve = expandIri(typeScopedContext, v as string, { base: true, vocab: true }, IRI_OPTIONS);
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
    const ve = expandIri(activeCtx, value, { base: true }, IRI_OPTIONS);
    if (ve === null || !isAbsoluteIri(ve)) bail('relative IRI value');
    return { '@id': ve };
  }
  if (type === '@vocab' && typeof value === 'string') {
    const ve = expandIri(activeCtx, value, { vocab: true, base: true }, IRI_OPTIONS);
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
