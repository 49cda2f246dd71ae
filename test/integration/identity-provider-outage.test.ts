// Keycloak outages and key rotation. Validators cache the realm's signing keys: while Keycloak is
// down, tokens signed with a known key keep working until they expire; a new key is fetched
// when a token first names it; a key Keycloak never published is refused.
// These tests stop and restart this project's Keycloak, so they are skipped when KEYCLOAK_URL
// points at a server the project did not start.
import { generateKeyPairSync, sign } from 'node:crypto';
import { runningPid } from '../../launcher/process-control';
import { startKeycloak, stopKeycloak } from '../../scripts/services/keycloak';
import { startTestSystem, type TestSystem } from './harness';
import { foreignRealmToken, freshServiceToken } from './tokens';

const ownKeycloak = runningPid('keycloak') !== undefined;
const describeOwn = ownKeycloak ? describe : describe.skip;
if (!ownKeycloak) console.warn('Keycloak outage tests skipped: KEYCLOAK_URL is a server this project did not start');

const QUERY = 'query($u: ID!) { enterprise(uscc: $u) { name } }';

function keyIdOf(token: string): string {
  const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid: string };
  return header.kid;
}

/** The claims of a genuine token, signed by a key Keycloak never published. */
function forgedCopyOf(token: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' })).toString('base64url');
  const signed = `${header}.${token.split('.')[1]}`;
  return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), privateKey).toString('base64url')}`;
}

async function addSigningKey(keycloakUrl: string): Promise<void> {
  const admin = await foreignRealmToken();
  const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
  const realm = (await (await fetch(`${keycloakUrl}/admin/realms/credit`, { headers })).json()) as { id: string };
  const res = await fetch(`${keycloakUrl}/admin/realms/credit/components`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: 'rotated-rsa',
      providerId: 'rsa-generated',
      providerType: 'org.keycloak.keys.KeyProvider',
      parentId: realm.id,
      config: { priority: ['1000'], keySize: ['2048'], active: ['true'], enabled: ['true'], algorithm: ['RS256'] },
    }),
  });
  expect(res.status).toBe(201);
}

describeOwn('when Keycloak rotates keys or goes down', () => {
  let system: TestSystem;
  const keycloakUrl = process.env['KEYCLOAK_URL'] ?? '';
  const uscc = () => system.enterprise(0).directory.uscc;

  beforeAll(async () => {
    // A short refresh interval, so the rotation test need not wait the default 10 s.
    system = await startTestSystem(5, { KEYCLOAK_KEY_REFRESH_INTERVAL_S: '1' });
  });
  afterAll(async () => {
    await system?.stop();
    // Back as the other test files expect it: running, with the realm freshly imported.
    await startKeycloak(Number(new URL(keycloakUrl).port));
  }, 240_000);

  it('picks up a rotated signing key without a restart, and keeps accepting the previous one', async () => {
    const before = await freshServiceToken('svc-tax');
    expect((await system.query(QUERY, { u: uscc() }, before)).status).toBe(200);
    await addSigningKey(keycloakUrl);
    const after = await freshServiceToken('svc-tax');
    expect(keyIdOf(after)).not.toBe(keyIdOf(before));
    // Within the refresh interval a new key id may be refused once; after it, it is fetched.
    await new Promise((r) => setTimeout(r, 1_100));
    const res = await system.query<{ enterprise: { name: string } }>(QUERY, { u: uscc() }, after);
    expect(res.errors).toBeUndefined();
    expect(res.data?.enterprise.name).toBe(system.enterprise(0).directory.name);
    expect((await system.query(QUERY, { u: uscc() }, before)).status).toBe(200);
  });

  it('refuses a token signed by a key Keycloak never published', async () => {
    const forged = forgedCopyOf(await freshServiceToken('svc-tax'));
    const res = await system.query(QUERY, { u: uscc() }, forged);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });

  it('keeps validating tokens signed with known keys while Keycloak is down, and refuses others', async () => {
    const token = await freshServiceToken('svc-court');
    expect((await system.query(QUERY, { u: uscc() }, token)).status).toBe(200);
    const forged = forgedCopyOf(token);
    await stopKeycloak();
    expect(
      await fetch(`${keycloakUrl}/realms/credit`).then(
        () => 'up',
        () => 'down',
      ),
    ).toBe('down');

    const res = await system.query<{ enterprise: { name: string } }>(QUERY, { u: uscc() }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data?.enterprise.name).toBe(system.enterprise(0).directory.name);

    // An unknown key cannot be checked now: refused, as unauthenticated or as "try again later".
    await new Promise((r) => setTimeout(r, 1_100));
    const started = Date.now();
    const refused = await system.query(QUERY, { u: uscc() }, forged);
    expect([401, 503]).toContain(refused.status);
    expect(refused.errors?.[0]?.extensions?.['code']).toMatch(/^(UNAUTHENTICATED|SERVICE_UNAVAILABLE)$/);
    expect(refused.data ?? null).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
