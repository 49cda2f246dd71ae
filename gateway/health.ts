// Liveness and readiness: live while the process answers; ready when every subgraph answers its
// own readiness check. One round of checks at a time, shared by everyone who asks meanwhile, so
// readiness probes are no amplifier.
import express from 'express';

export function healthRoutes(subgraphUrls: Readonly<Record<string, string>>): express.Router {
  const router = express.Router();
  const subgraphHealth = Object.entries(subgraphUrls).map(([name, url]) => ({ name, url: url.replace(/\/graphql$/, '/health/ready') }));
  const checkSubgraphs = () =>
    Promise.all(
      subgraphHealth.map(
        async ({ name, url }) =>
          [
            name,
            await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
              (r) => (r.ok ? 'UP' : 'DOWN'),
              () => 'DOWN',
            ),
          ] as const,
      ),
    );
  let pending: Promise<(readonly [string, string])[]> | undefined;
  const readiness = () =>
    (pending ??= checkSubgraphs().finally(() => {
      pending = undefined;
    }));
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'UP' });
  });
  router.get('/health/ready', async (_req, res) => {
    const checks = await readiness();
    const ready = checks.every(([, state]) => state === 'UP');
    res.status(ready ? 200 : 503).json({ status: ready ? 'UP' : 'DOWN', checks: { supergraph: 'UP', ...Object.fromEntries(checks) } });
  });
  return router;
}
