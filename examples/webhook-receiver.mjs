// A webhook receiver for the demo: checks each delivery's signature and prints the event.
//   WEBHOOK_SECRET=whsec_… node examples/webhook-receiver.mjs   (listens on 127.0.0.1:8090)
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

const secret = process.env.WEBHOOK_SECRET ?? '';

function signedBy(secret, body, header) {
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
  if (!t || !v1 || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return v1.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}

http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (!signedBy(secret, body, String(req.headers['x-credit-signature'] ?? ''))) return res.writeHead(401).end();
      const event = JSON.parse(body);
      console.log(`${event.at} ${event.change} ${event.indicator} ${event.enterprise.uscc} ${JSON.stringify(event.attributes)}`);
      res.writeHead(204).end();
    });
  })
  .listen(8090, '127.0.0.1', () => console.log('receiving on http://127.0.0.1:8090/hook'));
