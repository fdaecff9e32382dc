import { getGlobalConfig, setGlobalConfig } from '@openid4vc/utils';

/**
 * The @openid4vc libraries refuse http:// URLs unless told (a process-wide setting). A server
 * whose public URL is plain http (localhost, a classroom LAN, tests) or a wallet told to reach
 * one calls this with that URL; an https URL changes nothing.
 */
export function allowPlainHttpFor(url: string): void {
  if (url.startsWith('http://') && !getGlobalConfig().allowInsecureUrls) setGlobalConfig({ ...getGlobalConfig(), allowInsecureUrls: true });
}
