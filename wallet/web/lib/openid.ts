// The wallet side of OpenID4VCI (receive by offer) and OpenID4VP (answer a request), the same code
// as `lp wallet receive` and `lp wallet respond`, loaded by import() when a link or QR of either
// kind first arrives: the @openid4vc libraries are a chunk apart from what shows the page.
export { receiveCredentialOffer } from '../../src/oid4vc/receive-credential-offer.ts';
export { readPresentationRequest } from '../../src/oid4vc/read-presentation-request.ts';
export { answerPresentationRequest } from '../../src/oid4vc/answer-presentation-request.ts';
export { createDocumentLoader } from '@lp/contexts';
