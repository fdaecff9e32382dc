import type { TrustBundle } from '@lp/trust';

/** What the bundle's catalogue knows of an achievement that the verification display leaves out. */
export type CatalogueLookup = (issuerId: string, code: string) => { iscedField?: string | undefined } | undefined;

/** The catalogue lookup of a trust bundle. */
export function catalogueLookupFromBundle(bundle: TrustBundle | undefined): CatalogueLookup {
  return (issuerId, code) => bundle?.issuers.find((i) => i.id === issuerId)?.catalogue?.achievements.find((a) => a.code === code);
}
