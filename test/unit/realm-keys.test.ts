// The realm's keys are fetched once for everyone who asks at the same moment, at most once per
// refresh interval whether the fetch succeeds or fails, and never for longer than the timeout:
// forged key ids cannot drive requests at Keycloak, during an outage least of all.
import { exportJWK, generateKeyPair } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyNotFoundError, RealmKeys } from '../../auth/realm-keys';

type Mode = 'ok' | 'down' | 'hang';

async function jwksServer() {
  const { publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const state = { mode: 'ok' as Mode, requests: 0 };
  const server = http.createServer((_req, res) => {
    state.requests++;
    if (state.mode === 'down') return void res.writeHead(503).end();
    if (state.mode === 'hang') return; // never answers
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`;
  return { state, url, close: () => (server.closeAllConnections(), server.close()) };
}

it('fetches once for many requests naming unknown keys at once, then serves known keys without fetching', async () => {
  const jwks = await jwksServer();
  const keys = new RealmKeys({ url: jwks.url, fetchTimeoutMs: 1_000, refreshIntervalMs: 60_000 });
  const results = await Promise.allSettled([keys.key('k1'), keys.key('forged-1'), keys.key('forged-2'), keys.key('k1')]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
  expect(jwks.state.requests).toBe(1);
  await keys.key('k1');
  expect(jwks.state.requests).toBe(1);
  jwks.close();
});

it('tries at most once per refresh interval while Keycloak is down, and says the keys are unavailable', async () => {
  const jwks = await jwksServer();
  jwks.state.mode = 'down';
  const keys = new RealmKeys({ url: jwks.url, fetchTimeoutMs: 1_000, refreshIntervalMs: 60_000 });
  for (let i = 0; i < 50; i++) {
    const err = await keys.key(`forged-${i}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyNotFoundError);
    expect((err as KeyNotFoundError).unavailable).toBe(true);
  }
  expect(jwks.state.requests).toBe(1);
  jwks.close();
});

it('gives up on a key set that does not come within the timeout', async () => {
  const jwks = await jwksServer();
  jwks.state.mode = 'hang';
  const keys = new RealmKeys({ url: jwks.url, fetchTimeoutMs: 200, refreshIntervalMs: 60_000 });
  const started = Date.now();
  await expect(keys.key('k1')).rejects.toMatchObject({ unavailable: true });
  expect(Date.now() - started).toBeLessThan(5_000);
  jwks.close();
});
