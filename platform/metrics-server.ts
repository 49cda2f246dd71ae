// The metrics listener: GET /metrics in Prometheus text format, on a port of its own (never the
// public one), on 127.0.0.1 unless METRICS_HOST says otherwise, and behind a bearer token when
// METRICS_TOKEN is set.
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { registry } from './metrics';

export interface MetricsListenerOptions {
  readonly port: number;
  readonly host?: string;
  readonly token?: string;
}

export interface RunningMetricsListener {
  readonly url: string;
  stop(): Promise<void>;
}

/** `<NAME>_METRICS_PORT`: a TCP port, or 0 for any free one (the process prints which). */
export function metricsPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new Error(`${name} must be a TCP port (0 for any free one), got '${raw}'`);
  return value;
}

function authorized(header: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startMetricsListener(options: MetricsListenerOptions): Promise<RunningMetricsListener> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: metrics are at GET /metrics\n');
      return;
    }
    if (!authorized(req.headers.authorization, options.token)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' }).end('metrics need the bearer token set in METRICS_TOKEN\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/metrics`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // a scraper's keep-alive connection must not hold the process open
        server.closeAllConnections();
      }),
  };
}

export function metricsListenerFromEnv(env: NodeJS.ProcessEnv, portVariable: string, fallbackPort: number): MetricsListenerOptions {
  const token = env['METRICS_TOKEN'];
  return { port: metricsPort(env, portVariable, fallbackPort), host: env['METRICS_HOST'], ...(token ? { token } : {}) };
}
