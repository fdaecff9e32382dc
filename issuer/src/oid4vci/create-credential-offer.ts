import { preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import { Openid4vciIssuer } from '@openid4vc/openid4vci';
import { allowPlainHttpFor, createJoseCallbacks } from '@lp/oid4vc';
import { renderQrPng } from '@lp/qr/node';
import { IssuerError } from '../errors.ts';
import type { IssuerStoreOps } from '../store/index.ts';
import { base64urlEncode } from '@lp/crypto';
import { pickupCodeHash } from '../domain/create-pickup-code.ts';
import { sha256Hex } from '../domain/lib/hash.ts';
import { isoSeconds } from '../domain/lib/time.ts';
import { configurationId, type OfferKind } from './credential-configurations.ts';
import { issuerMetadataOf } from './issuer-metadata.ts';
import { offerWalletUrl } from './offer-wallet-url.ts';

/** Like a pick-up code: an offer lives 90 days unless told otherwise. */
export const DEFAULT_OFFER_DAYS = 90;
export const TX_CODE_LENGTH = 6;

export interface CredentialOffer {
  /** `openid-credential-offer://?credential_offer=…`: the link and the QR's text. */
  uri: string;
  /** The same as a PNG data URL, for a page or a certificate. */
  qrPng: string;
  /** `<base>/wallet#offer=<uri, encoded>`: the same offer opened in our wallet page. */
  walletUrl: string;
  expiresAt: string;
  credentialIds: string[];
  /** The PIN the learner gets by another channel when the offer needs one; shown once. */
  txCode?: string;
}

export interface CreateCredentialOfferInput {
  credentialIds: readonly string[];
  now: Date;
  random: (n: number) => Uint8Array;
  baseUrl: string;
  ttlDays?: number;
  /** Require a numeric transaction code (PIN) at the token endpoint. */
  txCode?: boolean;
  /**
   * The pick-up code made for the same credentials by the same issuance: using either one
   * spends both (PICKUP_GONE / OFFER_USED), so a learner collects one copy.
   */
  pickupCode?: string;
}

/** The stored hash of a pre-authorized code or PIN (the clear value is never stored). */
export function offerSecretHash(secret: string): string {
  return sha256Hex(secret);
}

/**
 * Creates a one-time OpenID4VCI credential offer (pre-authorized code flow) for stored
 * credentials: 256-bit code and optional 6-digit PIN, both stored hashed with an expiry; the
 * offer object and URI are made by @openid4vc/openid4vci from our metadata. Offers only our
 * configurations for the kinds it carries (each in `ldp_vc` and `jwt_vc_json`).
 *
 * @example const offer = await createCredentialOffer(store, { credentialIds: [id], now, random, baseUrl });
 */
export async function createCredentialOffer(store: IssuerStoreOps, input: CreateCredentialOfferInput): Promise<CredentialOffer> {
  const ids = [...input.credentialIds];
  if (ids.length === 0) throw new TypeError('createCredentialOffer: give at least one credential');
  const profile = await store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
  const kinds = new Set<OfferKind>();
  for (const id of ids) {
    const record = await store.getCredential(id);
    if (!record) throw new IssuerError('NOT_FOUND', `no credential ${id}`);
    if (record.kind !== 'achievement' && record.kind !== 'clr') {
      throw new IssuerError('CREDENTIAL_CONFIGURATION_UNSUPPORTED', `a ${record.kind} credential has no OpenID4VCI configuration here`);
    }
    kinds.add(record.kind);
  }
  const code = base64urlEncode(input.random(32));
  const txCode = input.txCode ? Array.from({ length: TX_CODE_LENGTH }, () => String(randomDigit(input.random))).join('') : undefined;
  const days = input.ttlDays ?? DEFAULT_OFFER_DAYS;
  const expiresAt = isoSeconds(new Date(input.now.getTime() + days * 86_400_000));
  await store.createCredentialOffer({
    id: base64urlEncode(input.random(16)), codeHash: offerSecretHash(code), txCodeHash: txCode ? offerSecretHash(txCode) : null,
    credentialIds: ids, createdAt: isoSeconds(input.now), expiresAt,
    ...(input.pickupCode !== undefined ? { pickupCodeHash: pickupCodeHash(input.pickupCode) } : {}),
  });
  allowPlainHttpFor(input.baseUrl);
  const issuer = new Openid4vciIssuer({ callbacks: createJoseCallbacks({ random: input.random }) });
  const configurationIds = [...kinds].flatMap((k) => [configurationId(k, 'ldp_vc'), configurationId(k, 'jwt_vc_json')]);
  const { credentialOffer } = await issuer.createCredentialOffer({
    issuerMetadata: issuerMetadataOf(input.baseUrl, profile),
    credentialConfigurationIds: configurationIds,
    grants: {
      [preAuthorizedCodeGrantIdentifier]: {
        'pre-authorized_code': code,
        ...(txCode ? { tx_code: { input_mode: 'numeric', length: TX_CODE_LENGTH, description: 'PIN sent to you with this offer' } } : {}),
      },
    },
  });
  const qrPng = `data:image/png;base64,${Buffer.from(await renderQrPng(credentialOffer, { scale: 4 })).toString('base64')}`;
  return { uri: credentialOffer, qrPng, walletUrl: offerWalletUrl(input.baseUrl, credentialOffer), expiresAt, credentialIds: ids, ...(txCode ? { txCode } : {}) };
}

// Rejection sampling over one byte: every digit equally likely (256 is not a multiple of 10).
function randomDigit(random: (n: number) => Uint8Array): number {
  for (;;) {
    const b = random(1)[0]!;
    if (b < 250) return b % 10;
  }
}
