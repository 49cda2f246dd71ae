// Webhook signatures as a receiver checks them, and which endpoint addresses are refused.
import { addressRefusal, endpointPolicyFromEnv } from '../../monitoring/endpoint';
import { sign, verifySignature } from '../../monitoring/signature';

describe('signatures', () => {
  const now = 1_795_700_000;
  it('hold for the body and secret they were made with, within five minutes', () => {
    const header = sign('whsec_a', '{"id":"ev_1"}', now);
    expect(verifySignature('whsec_a', '{"id":"ev_1"}', header, now + 299)).toBe(true);
    expect(verifySignature('whsec_b', '{"id":"ev_1"}', header, now)).toBe(false);
    expect(verifySignature('whsec_a', '{"id":"ev_2"}', header, now)).toBe(false);
    expect(verifySignature('whsec_a', '{"id":"ev_1"}', header, now + 301)).toBe(false);
    expect(verifySignature('whsec_a', '{"id":"ev_1"}', 'garbage', now)).toBe(false);
  });
});

describe('endpoint addresses', () => {
  const production = { allowLoopbackHttp: false };
  const https = new URL('https://hooks.example/x');
  it('refuses loopback, private, link-local, metadata and reserved addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.8',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '224.0.0.1',
      // addresses that reach IPv4 inside IPv6 (NAT64, 6to4, IPv4-compatible), site-local, Azure's host endpoint, documentation
      '64:ff9b::7f00:1',
      '64:ff9b:1::a00:8',
      '2002:7f00:1::1',
      '::127.0.0.1',
      '::7f00:1',
      'fec0::1',
      '168.63.129.16',
      '203.0.113.10',
      '2001:db8::1',
    ]) {
      expect(addressRefusal(address, https, production)).toMatch(/loopback, private, link-local or reserved/);
    }
  });
  it('allows public addresses over https only, and loopback http only when the demo allows it', () => {
    expect(addressRefusal('8.8.8.8', https, production)).toBeUndefined();
    expect(addressRefusal('2606:4700:4700::1111', https, production)).toBeUndefined();
    expect(addressRefusal('8.8.8.8', new URL('http://hooks.example/x'), production)).toMatch(/https/);
    expect(addressRefusal('127.0.0.1', new URL('http://127.0.0.1:8090/hook'), { allowLoopbackHttp: true })).toBeUndefined();
    expect(addressRefusal('10.0.0.8', new URL('http://10.0.0.8/hook'), { allowLoopbackHttp: true })).toMatch(/https/);
  });
  it("allows the demo's loopback receiver on the ports it lists only, so deliveries cannot probe local services", () => {
    const demo = endpointPolicyFromEnv({ WEBHOOK_ALLOW_LOOPBACK_HTTP: '8090' });
    expect(addressRefusal('127.0.0.1', new URL('http://127.0.0.1:8090/hook'), demo)).toBeUndefined();
    expect(addressRefusal('127.0.0.1', new URL('http://127.0.0.1:5432/'), demo)).toMatch(/https|loopback/);
    expect(addressRefusal('127.0.0.1', new URL('http://127.0.0.1/'), demo)).toMatch(/https|loopback/);
    expect(addressRefusal('127.0.0.1', new URL('http://127.0.0.1:5432/'), endpointPolicyFromEnv({ WEBHOOK_ALLOW_LOOPBACK_HTTP: '1' }))).toBeUndefined();
    expect(addressRefusal('127.0.0.1', new URL('http://127.0.0.1:8090/'), endpointPolicyFromEnv({}))).toMatch(/https/);
    expect(() => endpointPolicyFromEnv({ WEBHOOK_ALLOW_LOOPBACK_HTTP: 'yes' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK_HTTP/);
  });
});
