/**
 * The link that opens a credential offer in our wallet page: the page of the server that made the
 * offer (`lp serve` serves it at /wallet) with the offer, URL-encoded, in the fragment — so a
 * learner with no other wallet taps one link, and the offer (its one-time code) never reaches a
 * server's logs. The `openid-credential-offer://` URI stays the primary form for any wallet.
 *
 * @example offerWalletUrl('https://exams.example', offer.uri) // 'https://exams.example/wallet#offer=openid-credential-offer%3A%2F%2F…'
 */
export function offerWalletUrl(baseUrl: string, offerUri: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/wallet#offer=${encodeURIComponent(offerUri)}`;
}
