/**
 * Where a target may be: not on loopback, private, link-local or otherwise special addresses
 * (a webhook URL is the operator's input, but a hostile name can point anywhere, including the
 * node's own network) unless the operator allows it. The check runs when the connection is
 * made, on the address the connection then uses, so a name that resolves elsewhere after it
 * was configured (DNS rebinding) is caught too.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local (cloud metadata services live here)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["2001:db8::", 32], // documentation
] as const)
  blocked.addSubnet(net, bits, "ipv6");

/** The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hexed = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hexed) return undefined;
  const hi = parseInt(hexed[1]!, 16);
  const lo = parseInt(hexed[2]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** Why an address may not be delivered to, or null when it may. */
export function refusedAddress(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  const v4 = family === 6 ? embeddedIpv4(address) : address;
  const refused = v4 !== undefined ? blocked.check(v4, "ipv4") : blocked.check(address, "ipv6");
  return refused
    ? `${address} is a loopback, private, link-local or reserved address (EVENTS_ALLOW_PRIVATE_TARGETS allows it)`
    : null;
}

export type Resolve = (host: string) => Promise<string[]>;

const resolveByDns: Resolve = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Thrown (to the request) when the target's address is refused. */
export class RefusedAddressError extends Error {}

/**
 * A `lookup` for http.request that resolves the host and refuses it when any of its addresses
 * is refused (a name with one public and one private address could be steered to the other).
 */
export function guardedLookup(opts: { allowPrivate: boolean; resolve?: Resolve }): LookupFunction {
  const resolve = opts.resolve ?? resolveByDns;
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) throw new Error(`${hostname}: no address`);
        const why = opts.allowPrivate ? null : addresses.map(refusedAddress).find((r) => r);
        if (why) throw new RefusedAddressError(`${hostname}: ${why}`);
        const list = addresses.map((address) => ({ address, family: isIP(address) }));
        if ((options as { all?: boolean }).all) callback(null, list);
        else callback(null, list[0]!.address, list[0]!.family);
      },
      (err: unknown) => callback(err as NodeJS.ErrnoException, "", 0),
    );
  };
}

/** Refuses a URL whose host is a literal IP address that may not be delivered to. */
export function refusedLiteralHost(hostname: string, allowPrivate: boolean): string | null {
  if (allowPrivate) return null;
  const bare = hostname.replace(/^\[|\]$/g, "");
  return isIP(bare) === 0 ? null : refusedAddress(bare);
}
