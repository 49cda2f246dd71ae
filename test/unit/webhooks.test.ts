// Webhook signatures as a receiver checks them, and which endpoint addresses are refused.
import { addressRefusal } from '../../monitoring/endpoint';
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
    for (const address of ['127.0.0.1', '10.0.0.8', '172.20.1.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '224.0.0.1']) {
      expect(addressRefusal(address, https, production)).toMatch(/loopback, private, link-local or reserved/);
    }
  });
  it('allows public addresses over https only, and loopback http only when the demo allows it', () => {
    expect(addressRefusal('203.0.113.10', https, production)).toBeUndefined();
    expect(addressRefusal('203.0.113.10', new URL('http://hooks.example/x'), production)).toMatch(/https/);
    expect(addressRefusal('127.0.0.1', new URL('http://127.0.0.1:8090/hook'), { allowLoopbackHttp: true })).toBeUndefined();
    expect(addressRefusal('10.0.0.8', new URL('http://10.0.0.8/hook'), { allowLoopbackHttp: true })).toMatch(/https/);
  });
});
