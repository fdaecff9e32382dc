// Full records (JSON or vc+jwt: JSON-LD, Data Integrity, JOSE) for the verifier page, loaded by
// import() when one is first given: a module of its own, so that its code is a chunk apart from
// the seal path the page loads at once.
export { verifyAny } from '@lp/verify';
