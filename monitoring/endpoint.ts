// Where webhooks may go. In production an endpoint is HTTPS and resolves only to public
// addresses: never loopback, private, link-local, carrier-grade NAT, multicast or a cloud metadata
// address. It is checked when a watch is registered and again at every delivery, on the addresses
// the connection actually uses (the agent's own DNS lookup), so a name that later resolves
// elsewhere (DNS rebinding) is refused too. WEBHOOK_ALLOW_LOOPBACK_HTTP allows http to 127.0.0.1
// and ::1 for a demo: on the ports it lists (npm start: 8090, the example receiver's), or on any
// port with `1` (the tests' receivers take free ports). Any other local port stays refused, so
// watch deliveries cannot probe the machine's services.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are checked against the IPv4 rules by BlockList itself
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['192.0.2.0', 24],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  // Azure's host endpoint (metadata and DNS of the platform)
  ['168.63.129.16', 32],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  // unspecified, loopback and IPv4-compatible (::a.b.c.d, e.g. [::127.0.0.1])
  ['::', 96],
  // NAT64, well-known and local-use: reach IPv4 addresses (64:ff9b::7f00:1 is 127.0.0.1)
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  // discard-only, Teredo and documentation
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  // 6to4: embeds an IPv4 address (2002:7f00:1:: is 127.0.0.1)
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  // site-local, deprecated but still routed by some stacks
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

const LOOPBACK = new Set(['127.0.0.1', '::1']);

export interface EndpointPolicy {
  /** Demo and tests: http to the loopback address is allowed, on these ports ('any': every port). */
  readonly allowLoopbackHttp: boolean;
  readonly loopbackPorts?: ReadonlySet<number> | 'any';
}

/** WEBHOOK_ALLOW_LOOPBACK_HTTP: unset (production), `1` (any port) or a comma-separated list of ports. */
export function endpointPolicyFromEnv(env: NodeJS.ProcessEnv): EndpointPolicy {
  const raw = (env['WEBHOOK_ALLOW_LOOPBACK_HTTP'] ?? '').trim();
  if (raw === '' || raw === '0') return { allowLoopbackHttp: false };
  if (raw === '1') return { allowLoopbackHttp: true, loopbackPorts: 'any' };
  const ports = raw.split(',').map((p) => Number(p.trim()));
  if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65_535)) throw new Error(`WEBHOOK_ALLOW_LOOPBACK_HTTP must be 1 or a list of ports, like 8090; got '${raw}'`);
  return { allowLoopbackHttp: true, loopbackPorts: new Set(ports) };
}

const portOf = (url: URL): number => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);
const loopbackAllowed = (url: URL, policy: EndpointPolicy): boolean =>
  policy.allowLoopbackHttp && (policy.loopbackPorts === undefined || policy.loopbackPorts === 'any' || policy.loopbackPorts.has(portOf(url)));

export class EndpointRefusedError extends Error {
  override readonly name = 'EndpointRefusedError';
}

/** Why an address may not be called, or undefined when it may. */
export function addressRefusal(address: string, url: URL, policy: EndpointPolicy): string | undefined {
  if (LOOPBACK.has(address) && loopbackAllowed(url, policy)) return undefined;
  if (url.protocol !== 'https:') return 'webhook endpoints must use https';
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (BLOCKED.check(address, family)) return `${url.hostname} resolves to ${address}, a loopback, private, link-local or reserved address`;
  return undefined;
}

/** Checks a URL's form, then every address its host resolves to; throws EndpointRefusedError with the reason. */
export async function checkEndpoint(raw: string, policy: EndpointPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EndpointRefusedError(`'${raw.slice(0, 200)}' is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EndpointRefusedError('webhook endpoints must use https');
  if (url.username || url.password) throw new EndpointRefusedError('webhook endpoints may not carry credentials; the signature authenticates deliveries');
  if (url.protocol === 'http:' && !policy.allowLoopbackHttp) throw new EndpointRefusedError('webhook endpoints must use https');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  for (const address of addresses) {
    const refused = addressRefusal(address, url, policy);
    if (refused) throw new EndpointRefusedError(refused);
  }
  return url;
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, found: LookupAddress[]) =>
      err ? reject(new EndpointRefusedError(`${host} does not resolve (${err.code ?? err.message})`)) : resolve(found.map((a) => a.address)),
    ),
  );
}

/** A `lookup` for http(s).request that refuses the addresses checkEndpoint refuses, at connection time. */
export function guardedLookup(url: URL, policy: EndpointPolicy) {
  return (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, found: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = found.map((a) => addressRefusal(a.address, url, policy)).find(Boolean);
      if (refused) return callback(new EndpointRefusedError(refused), '', 0);
      if ((options as { all?: boolean }).all) return callback(null, found);
      const [first] = found;
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}
