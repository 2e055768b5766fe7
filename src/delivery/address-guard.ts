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

/** The eight 16-bit groups of an IPv6 address (any spelling: `::`, a dotted tail), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const b = dotted[1]!.split(".").map(Number);
    text = `${text.slice(0, -dotted[1]!.length)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const part = (h: string) => (h === "" ? [] : h.split(":").map((g) => parseInt(g, 16)));
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : fill < 1) return null;
  return [...head, ...Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
}

/**
 * The IPv4 address an IPv6 one carries, in whatever spelling: mapped (::ffff:0:0/96),
 * compatible (::/96) or NAT64 (64:ff9b::/96); undefined when it carries none.
 */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (!g || g.some((x) => Number.isNaN(x))) return undefined;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  const mapped = zeros(5) && g[5] === 0xffff;
  const compatible = zeros(6) && (g[6] !== 0 || g[7]! > 1);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !compatible && !nat64) return undefined;
  return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join(".");
}

/** Why an address may not be delivered to, or null when it may. */
export function refusedAddress(input: string): string | null {
  // A zone (fe80::1%eth0) names an interface, not another address: judge the address.
  const address = input.replace(/%.*$/, "");
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
  const checked = async (hostname: string) => {
    const addresses = await resolve(hostname);
    if (addresses.length === 0) throw new Error(`${hostname}: no address`);
    const why = opts.allowPrivate ? null : addresses.map(refusedAddress).find((r) => r);
    if (why) throw new RefusedAddressError(`${hostname}: ${why}`);
    return addresses.map((address) => ({ address, family: isIP(address) }));
  };
  return (hostname, options, callback) => {
    // Every failure, a refusal included, reaches the request as its error.
    checked(hostname).then(
      (list) => {
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
