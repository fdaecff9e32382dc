/**
 * Well-formed BCP 47 language tag (RFC 5646 §2.1 ABNF: langtag / privateuse / grandfathered
 * irregular). Checks syntax only, not that each subtag is registered: a verifier must accept
 * tags newer than its copy of the IANA registry.
 */
const LANGTAG =
  /^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?|x(?:-[a-z\d]{1,8})+|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)|sgn-(?:be-fr|be-nl|ch-de))$/i;

export function isLanguageTag(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && LANGTAG.test(value);
}
