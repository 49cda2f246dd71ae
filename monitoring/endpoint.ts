// Where webhooks may go. In production an endpoint is HTTPS and resolves only to public
// addresses: never loopback, private, link-local, carrier-grade NAT, multicast or a cloud metadata
// address. It is checked when a watch is registered and again at every delivery, on the addresses
// the connection actually uses (the agent's own DNS lookup), so a name that later resolves
// elsewhere (DNS rebinding) is refused too. WEBHOOK_ALLOW_LOOPBACK_HTTP=1 (demo and tests) allows
// http to 127.0.0.1 and ::1 only.
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
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

const LOOPBACK = new Set(['127.0.0.1', '::1']);

export interface EndpointPolicy {
  /** Demo and tests: http to the loopback address is allowed. */
  readonly allowLoopbackHttp: boolean;
}

export function endpointPolicyFromEnv(env: NodeJS.ProcessEnv): EndpointPolicy {
  return { allowLoopbackHttp: env['WEBHOOK_ALLOW_LOOPBACK_HTTP'] === '1' };
}

export class EndpointRefusedError extends Error {
  override readonly name = 'EndpointRefusedError';
}

/** Why an address may not be called, or undefined when it may. */
export function addressRefusal(address: string, url: URL, policy: EndpointPolicy): string | undefined {
  if (policy.allowLoopbackHttp && LOOPBACK.has(address)) return undefined;
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
