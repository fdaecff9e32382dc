import { parseOpenid4vpAuthorizationRequest, resolveOpenid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import { allowPlainHttpFor, createJoseCallbacks } from '@lp/oid4vc';
import type { Vault } from '../core/vault.ts';
import { WalletError } from '../core/wallet-error.ts';

/** One credential query of the request's DCQL query (OpenID4VP 1.0 §6.1). */
export interface RequestedCredential {
  id: string;
  format: string;
  /** Sets of types, any one of which a credential must hold all of (`meta.type_values`, W3C formats Appendix B.1). */
  typeValues: string[][];
}

export interface PresentationRequest {
  /** The verifier's client id: the audience (domain) the presentation is signed for. */
  clientId: string;
  /** Where the answer is posted (direct_post). */
  responseUri: string;
  /** The verifier's one-time nonce: the presentation's challenge. */
  nonce: string;
  /** Every credential query of the request, as asked. */
  requested: RequestedCredential[];
  /** The query this wallet answers: the first asking for `ldp_vc` (Data Integrity), what the wallet presents. */
  answered: RequestedCredential;
  /** Held full records of a requested type that are not INVALID: what the learner may choose from. */
  candidates: string[];
  /** The request payload as @openid4vc/openid4vp resolved it, for the answer. */
  payload: Record<string, unknown>;
}

export interface ReadRequestOptions {
  fetch?: typeof fetch;
}

/**
 * Reads and checks an OpenID4VP 1.0 request (`openid4vp://?…`, DCQL, `direct_post`) with
 * @openid4vc/openid4vp, without answering it: who asks (client id, response URI), what (the DCQL
 * query) and which held credentials fit, so that the learner sees all of it before choosing.
 *
 * Throws WalletError: PRESENTATION_REQUEST_INVALID.
 */
export async function readPresentationRequest(vault: Vault, uri: string, opts: ReadRequestOptions = {}): Promise<PresentationRequest> {
  // Called through a wrapper: a browser refuses window.fetch called as another object's method.
  const fetchFn = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const callbacks = { ...createJoseCallbacks(), fetch: fetchFn } as never;
  let request: { nonce: string; client_id: string; response_uri?: string; dcql_query?: { credentials: { id: string; format: string; meta?: { type_values?: string[][] } }[] } };
  try {
    const parsed = parseOpenid4vpAuthorizationRequest({ authorizationRequest: uri });
    const responseUri = (parsed.params as { response_uri?: unknown }).response_uri;
    if (typeof responseUri === 'string') allowPlainHttpFor(responseUri);
    const resolved = await resolveOpenid4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params as never, callbacks, responseMode: { type: 'direct_post' } } as never);
    request = resolved.authorizationRequestPayload as typeof request;
  } catch (e) {
    throw new WalletError('PRESENTATION_REQUEST_INVALID', `not a presentation request this wallet can answer: ${(e as Error).message.split('\n')[0]}`);
  }
  const requested = (request.dcql_query?.credentials ?? []).map((c) => ({ id: c.id, format: c.format, typeValues: c.meta?.type_values ?? [] }));
  const answered = requested.find((c) => c.format === 'ldp_vc');
  if (!answered || !request.response_uri) throw new WalletError('PRESENTATION_REQUEST_INVALID', 'the request asks for no ldp_vc credential by DCQL with direct_post');
  const candidates = vault.credentials.filter((c) => {
    if (!c.fullRecord?.trim().startsWith('{') || c.verification.verdict === 'INVALID') return false;
    const types = (JSON.parse(c.fullRecord) as { type?: string[] }).type ?? [];
    return answered.typeValues.length === 0 || answered.typeValues.some((set) => set.every((t) => types.includes(t)));
  }).map((c) => c.id);
  return {
    clientId: request.client_id, responseUri: request.response_uri, nonce: request.nonce,
    requested, answered, candidates, payload: request as unknown as Record<string, unknown>,
  };
}
