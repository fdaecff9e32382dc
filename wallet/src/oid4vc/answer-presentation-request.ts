import { createOpenid4vpAuthorizationResponse, submitOpenid4vpAuthorizationResponse } from '@openid4vc/openid4vp';
import type { DocumentLoader } from '@lp/formats';
import { createJoseCallbacks } from '@lp/oid4vc';
import { createPresentation } from '../core/create-presentation.ts';
import type { Vault } from '../core/vault.ts';
import { WalletError } from '../core/wallet-error.ts';
import { readPresentationRequest } from './read-presentation-request.ts';

export interface AnswerRequestOptions {
  /** The credentials the learner chose; default: every full record of a requested type that is not INVALID. */
  ids?: readonly string[];
  documentLoader: DocumentLoader;
  now: Date;
  fetch?: typeof fetch;
}

export interface AnswerOutcome {
  /** The verifier's client id (the audience the presentation was signed for). */
  verifier: string;
  /** The credentials sent. */
  ids: string[];
  /** HTTP status of the verifier's answer and its body (our verifier: the verdict). */
  status: number;
  body: unknown;
}

/**
 * Answers an OpenID4VP 1.0 request (`openid4vp://?…`, DCQL, `direct_post`) with
 * @openid4vc/openid4vp: reads and checks the request (readPresentationRequest), signs one
 * presentation of the chosen credentials with the holder key for the request's nonce and client
 * id, and posts it to the response URI. Only credentials of the types the DCQL query asks
 * (`meta.type_values`, `ldp_vc`) are sent; the learner narrows them with `ids`.
 *
 * Throws WalletError: PRESENTATION_REQUEST_INVALID, CREDENTIAL_NOT_FOUND, PRESENTATION_REFUSED
 * (with the verifier's code in `details.remoteCode` when it gave one).
 */
export async function answerPresentationRequest(vault: Vault, uri: string, opts: AnswerRequestOptions): Promise<AnswerOutcome> {
  const fetchFn = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const callbacks = { ...createJoseCallbacks(), fetch: fetchFn } as never;
  const request = await readPresentationRequest(vault, uri, { fetch: fetchFn });
  const matches = request.candidates;
  const ids = opts.ids && opts.ids.length > 0 ? [...opts.ids] : matches;
  const unasked = ids.filter((id) => !matches.includes(id));
  if (unasked.length > 0) throw new WalletError('CREDENTIAL_NOT_FOUND', `not asked for by this verifier, or not in this wallet: ${unasked.join(', ')}`);
  if (ids.length === 0) throw new WalletError('CREDENTIAL_NOT_FOUND', 'no credential in this wallet is of a type the verifier asks for');
  const vp = await createPresentation(vault, { challenge: request.nonce, domain: request.clientId, ids, documentLoader: opts.documentLoader, now: opts.now });
  let submitted;
  try {
    const response = await createOpenid4vpAuthorizationResponse({ authorizationRequestPayload: request.payload as never, authorizationResponsePayload: { vp_token: { [request.answered.id]: [vp] } } as never, callbacks });
    submitted = await submitOpenid4vpAuthorizationResponse({ authorizationRequestPayload: request.payload as never, authorizationResponsePayload: response.authorizationResponsePayload, callbacks });
  } catch (e) {
    throw new WalletError('PRESENTATION_REFUSED', `could not send the presentation: ${(e as Error).message.split('\n')[0]}`);
  }
  const res = submitted.response as unknown as Response;
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* a verifier may answer plain text */ }
  if (res.status >= 400 && res.status !== 422) {
    const code = (body as { code?: string; error?: string })?.code ?? (body as { error?: string })?.error ?? String(res.status);
    throw new WalletError('PRESENTATION_REFUSED', `the verifier refused the answer: ${code}`, { remoteCode: code });
  }
  return { verifier: request.clientId, ids, status: res.status, body };
}
