// Outgoing requests to admin-entered URLs (webhooks) must not reach the server's own network:
// loopback, private (RFC 1918, fc00::/7), link-local (169.254/16 incl. the cloud metadata
// address, fe80::/10), CGNAT, unspecified, multicast, reserved and documentation ranges, and the
// IPv6 forms that embed an IPv4 address (::ffff:a.b.c.d, NAT64, 6to4, Teredo) are refused
// unless `allowPrivate` (config WEBHOOK_ALLOW_PRIVATE, for tests and local development).
//
// Check-then-connect without DNS rebinding: `egressLookup` is handed to http(s).request as its
// `lookup`, so the addresses the socket connects to are exactly the ones vetted here. A literal
// IP host never goes through `lookup`, so `checkUrl` vets it before the request.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export const EGRESS_REFUSED = 'EGRESS_REFUSED';

/** Thrown (or passed to the lookup callback) when a destination is refused by policy. */
export class EgressRefused extends Error {
  readonly code = EGRESS_REFUSED;
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `refused: ${host === address ? address : `${host} resolves to ${address}`}, which is not a public address (loopback, private, link-local or reserved); set WEBHOOK_ALLOW_PRIVATE=true to allow`,
    );
    this.name = 'EgressRefused';
  }
}

/** Is this IP literal a public unicast address? (false for anything unparsable) */
export function isPublicAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return false;
  let a = ipaddr.parse(bare);
  if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) {
    a = (a as ipaddr.IPv6).toIPv4Address();
  }
  // ipaddr.js names every special-purpose range; only 'unicast' is the open internet.
  return a.range() === 'unicast';
}

/** The host of a URL as an IP literal (brackets stripped), or null when it is a name. */
export function literalHost(url: URL): string | null {
  const h = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(h) ? h : null;
}

/**
 * Vets a URL before any request: a literal IP host must be public. Host names are vetted at
 * connect time by `egressLookup`. Throws EgressRefused.
 */
export function checkUrl(url: string | URL, allowPrivate: boolean): void {
  if (allowPrivate) return;
  const u = typeof url === 'string' ? new URL(url) : url;
  const ip = literalHost(u);
  if (ip !== null && !isPublicAddress(ip)) throw new EgressRefused(ip, ip);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net/http/https: resolves every address of the host (dns.lookup, all: true) and
 * refuses the connection when ANY of them is not public; otherwise answers with the vetted
 * addresses only, so the socket cannot connect anywhere else.
 */
export function egressLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      if (!allowPrivate) {
        const bad = list.find((a) => !isPublicAddress(a.address));
        if (bad) return callback(new EgressRefused(hostname, bad.address), []);
      }
      if (!list.length) {
        const e: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
        e.code = 'ENOTFOUND';
        return callback(e, []);
      }
      if (options.all) return callback(null, list);
      const first = list[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}
