import { BlockList, isIP } from 'node:net';

// Addresses a status-list URL must not make the server call: loopback, private networks, link
// local (cloud metadata at 169.254.169.254), carrier-grade NAT, benchmarking, multicast and
// reserved ranges (IANA IPv4/IPv6 Special-Purpose Address Registries, RFC 6890).
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/**
 * Whether an IP address is one an attacker-chosen URL must not reach. IPv4-mapped and NAT64
 * IPv6 forms (`::ffff:127.0.0.1`, `64:ff9b::7f00:1`) are judged by the IPv4 address they carry.
 * Anything that is not an IP address counts as private: refuse what cannot be judged.
 */
export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  const kind = isIP(a);
  if (kind === 4) return blocked.check(a, 'ipv4');
  if (kind !== 6) return true;
  const v4 = embeddedIpv4(a);
  if (v4 !== undefined) return blocked.check(v4, 'ipv4');
  return blocked.check(a, 'ipv6');
}

function embeddedIpv4(a: string): string | undefined {
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (!hex) return undefined;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}
