import { Oauth2ClientErrorResponseError } from '@openid4vc/oauth2';
import { Openid4vciClient, Openid4vciRetrieveCredentialsError } from '@openid4vc/openid4vci';
import type { IssuerMetadataResult } from '@openid4vc/openid4vci';
import { keyPairFromSeed } from '@lp/crypto';
import { allowPlainHttpFor, createJoseCallbacks } from '@lp/oid4vc';
import type { ImportInput } from '../core/import-credential.ts';
import { WalletError } from '../core/wallet-error.ts';

export const OFFER_SCHEME = 'openid-credential-offer://';
const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

export interface ReceiveOfferOptions {
  /** The profile's holder key: its did:key becomes credentialSubject.id. */
  holder: { did: string; seed: Uint8Array };
  /** The PIN (tx_code) the issuer gave with the offer, when it asks for one. */
  txCode?: string;
  fetch?: typeof fetch;
  now?: Date;
}

/**
 * Runs the wallet side of OpenID4VCI's pre-authorized code flow with @openid4vc/openid4vci:
 * resolves the offer (by value or by reference), reads the issuer's metadata, redeems the code
 * (with the PIN when asked), proves possession of the holder key over a fresh c_nonce and asks
 * for one credential per offered credential type, preferring `ldp_vc` over `jwt_vc_json`. The
 * credentials come back as import inputs: they are verified before anything is kept, as with a
 * pick-up code. `fetch` is injected; nothing else touches the network.
 *
 * Throws WalletError: OFFER_INVALID, OFFER_USED, OFFER_EXPIRED, TX_CODE_REQUIRED, TX_CODE_WRONG, OFFER_FAILED.
 */
export async function receiveCredentialOffer(offerUri: string, opts: ReceiveOfferOptions): Promise<ImportInput[]> {
  // Called through a wrapper: a browser refuses window.fetch called as another object's method.
  const fetchFn = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const keyPair = await keyPairFromSeed(opts.holder.seed);
  const client = new Openid4vciClient({ callbacks: { ...createJoseCallbacks({ signingKeys: [keyPair] }), fetch: fetchFn } });
  const issuerHint = issuerOfOfferText(offerUri);
  if (issuerHint) allowPlainHttpFor(issuerHint);

  let offer;
  try {
    offer = await client.resolveCredentialOffer(offerUri);
  } catch (e) {
    throw new WalletError('OFFER_INVALID', `not a credential offer this wallet can read: ${firstLine(e)}`);
  }
  const grant = offer.grants?.[PRE_AUTHORIZED] as { tx_code?: unknown } | undefined;
  if (!grant) throw new WalletError('OFFER_INVALID', 'the offer has no pre-authorized code (only that grant is supported)');
  if (grant.tx_code && !opts.txCode) {
    const shape = txCodeShape(grant.tx_code);
    // The issuer's own words say where the PIN is (a message, a letter): worth showing as they are.
    const says = shape.description !== undefined ? `; the issuer says: "${shape.description}"` : '';
    throw new WalletError('TX_CODE_REQUIRED', `this offer needs the PIN the issuer gave you (--pin)${says}`, { txCode: shape });
  }

  let metadata: IssuerMetadataResult;
  try {
    metadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  } catch (e) {
    throw new WalletError('OFFER_FAILED', `cannot read the issuer's metadata at ${offer.credential_issuer}: ${firstLine(e)}`);
  }
  const wanted = chooseConfigurations(offer.credential_configuration_ids, metadata);
  if (wanted.length === 0) throw new WalletError('OFFER_INVALID', 'the offer holds no credential in a format this wallet keeps (ldp_vc, jwt_vc_json)');

  let token;
  try {
    token = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer, issuerMetadata: metadata, ...(opts.txCode ? { txCode: opts.txCode } : {}),
    });
  } catch (e) {
    throw fromIssuerError(e);
  }
  const signer = { method: 'did' as const, didUrl: `${opts.holder.did}#${opts.holder.did.slice('did:key:'.length)}`, alg: 'EdDSA' };
  let nonce = token.accessTokenResponse.c_nonce;
  const inputs: ImportInput[] = [];
  for (const configurationId of wanted) {
    try {
      if (metadata.credentialIssuer.nonce_endpoint) nonce = (await client.requestNonce({ issuerMetadata: metadata })).c_nonce;
      const { jwt } = await client.createCredentialRequestJwtProof({
        issuerMetadata: metadata, credentialConfigurationId: configurationId, signer, ...(nonce ? { nonce } : {}), ...(opts.now ? { issuedAt: opts.now } : {}),
      });
      const { credentialResponse } = await client.retrieveCredentials({
        issuerMetadata: metadata, accessToken: token.accessTokenResponse.access_token, credentialConfigurationId: configurationId,
        proof: { proof_type: 'jwt', jwt }, ...(token.dpop ? { dpop: token.dpop } : {}),
      });
      nonce = credentialResponse.c_nonce ?? nonce;
      const list = credentialResponse.credentials
        ? credentialResponse.credentials.map((c) => (typeof c === 'object' && c !== null && 'credential' in c ? c.credential : c))
        : credentialResponse.credential !== undefined ? [credentialResponse.credential] : [];
      for (const credential of list) {
        inputs.push({ fullRecord: typeof credential === 'string' ? credential : JSON.stringify(credential), source: 'oid4vci' });
      }
    } catch (e) {
      throw fromIssuerError(e);
    }
  }
  if (inputs.length === 0) throw new WalletError('OFFER_FAILED', 'the issuer answered without a credential (deferred issuance is not supported)');
  return inputs;
}

/** One configuration per credential type, `ldp_vc` before `jwt_vc_json`; other formats are skipped. */
function chooseConfigurations(ids: readonly string[], metadata: IssuerMetadataResult): string[] {
  const byType = new Map<string, string>();
  const configs = metadata.credentialIssuer.credential_configurations_supported as Record<string, { format?: string; credential_definition?: { type?: string[] } }>;
  for (const format of ['ldp_vc', 'jwt_vc_json']) {
    for (const id of ids) {
      const c = configs[id];
      if (c?.format !== format) continue;
      const type = (c.credential_definition?.type ?? []).filter((x) => x !== 'VerifiableCredential').sort().join(',') || id;
      if (!byType.has(type)) byType.set(type, id);
    }
  }
  return [...byType.values()];
}

/**
 * The PIN's length, kind of characters and the issuer's description of it (where the learner
 * finds it), when the offer states them plausibly. Untrusted: the description is bounded to the
 * 300 characters OpenID4VCI §4.1.1 allows and stripped of control and bidi-override characters.
 */
function txCodeShape(txCode: unknown): { length?: number; inputMode?: 'numeric' | 'text'; description?: string } {
  const t = (typeof txCode === 'object' && txCode !== null ? txCode : {}) as { length?: unknown; input_mode?: unknown; description?: unknown };
  const description = typeof t.description === 'string'
    ? t.description.replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 300)
    : '';
  return {
    ...(description !== '' ? { description } : {}),
    ...(typeof t.length === 'number' && Number.isInteger(t.length) && t.length > 0 && t.length <= 64 ? { length: t.length } : {}),
    ...(t.input_mode === 'numeric' || t.input_mode === 'text' ? { inputMode: t.input_mode } : {}),
  };
}

/** The issuer URL of an offer by value, to allow plain http for it before the library reads it. */
function issuerOfOfferText(uri: string): string | undefined {
  try {
    const u = new URL(uri);
    const byValue = u.searchParams.get('credential_offer');
    if (byValue) return (JSON.parse(byValue) as { credential_issuer?: string }).credential_issuer;
    return u.searchParams.get('credential_offer_uri') ?? undefined;
  } catch {
    return undefined;
  }
}

function fromIssuerError(e: unknown): WalletError {
  if (e instanceof WalletError) return e;
  let body: { error?: string; error_description?: string; code?: string; attemptsLeft?: unknown } | undefined;
  if (e instanceof Oauth2ClientErrorResponseError) body = e.errorResponse as typeof body;
  else if (e instanceof Openid4vciRetrieveCredentialsError) body = e.response.credentialErrorResponseResult?.data as typeof body;
  const said = body ? `${body.code ?? body.error ?? ''}: ${body.error_description ?? ''}` : firstLine(e);
  // Our issuer names the exact reason in `code`; another issuer only in the OAuth `error`.
  switch (body?.code) {
    case 'OFFER_USED': return new WalletError('OFFER_USED', 'this offer was already used: ask the issuer for a new one');
    case 'OFFER_EXPIRED': return new WalletError('OFFER_EXPIRED', 'this offer has expired: ask the issuer for a new one');
    case 'PRE_AUTHORIZED_CODE_INVALID': return new WalletError('OFFER_EXPIRED', 'the issuer does not know this offer (expired or withdrawn)');
    case 'TX_CODE_REQUIRED': return new WalletError('TX_CODE_REQUIRED', 'this offer needs the PIN the issuer gave you (--pin)');
    case 'TX_CODE_WRONG': case 'TX_CODE_LOCKED': {
      // The issuer counts wrong PINs; after the last one the offer is spent (TX_CODE_LOCKED: none left).
      const left = body.code === 'TX_CODE_LOCKED' ? 0 : typeof body.attemptsLeft === 'number' && Number.isInteger(body.attemptsLeft) && body.attemptsLeft >= 0 ? body.attemptsLeft : undefined;
      return new WalletError('TX_CODE_WRONG', `the issuer refused the PIN (${said})`, { remoteCode: body.code, ...(left !== undefined ? { attemptsLeft: left } : {}) });
    }
    default: break;
  }
  if (body?.error === 'invalid_grant') return new WalletError('OFFER_USED', `the issuer refused the offer (${said}): it may be used, expired or the PIN wrong`);
  return new WalletError('OFFER_FAILED', `the issuer refused: ${said}`);
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);
}
