// Serves the web console (console/dist, built by `npm run console:build`) at / beside /graphql:
// its files, its settings (where Keycloak is), and index.html for every page path so that a
// reload or a shared link opens the page. A content security policy lets the console load and
// call only its own origin and Keycloak.
import express, { type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface ConsoleSettings {
  /** The built console; nothing is served at / when it is missing. */
  readonly dir: string;
  /** Keycloak's public base URL, which the browser signs in at. */
  readonly keycloakUrl: string;
  readonly realm: string;
  readonly clientId: string;
}

/** Paths the gateway answers itself; everything else under / is a console page. */
const API_PREFIXES = ['/graphql', '/bidder-check.csv', '/credit-check.csv', '/submissions', '/audit', '/reports', '/health'];

export function contentSecurityPolicy(keycloakUrl: string): string {
  const keycloak = new URL(keycloakUrl).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style properties through the DOM, which style-src does not govern; no inline <style>
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${keycloak}`,
    // keycloak-js checks the session in a hidden frame: Keycloak's page, which redirects back to ours
    `frame-src 'self' ${keycloak}`,
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${keycloak}`,
  ].join('; ');
}

export function consoleRoutes(settings: ConsoleSettings): express.Router {
  const router = express.Router();
  const csp = contentSecurityPolicy(settings.keycloakUrl);
  const index = path.join(settings.dir, 'index.html');
  const built = existsSync(index);
  router.use((_req, res, next) => {
    res.set({ 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' });
    next();
  });
  router.get('/console-settings.json', (_req, res) => {
    res.set('cache-control', 'no-cache').json({ keycloakUrl: settings.keycloakUrl, realm: settings.realm, clientId: settings.clientId });
  });
  if (!built) return router;
  // hashed asset names never change content: cache them for a year; index.html always revalidates
  router.use('/assets', express.static(path.join(settings.dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use(express.static(settings.dir, { index: false, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') }));
  router.get(/.*/, (req: Request, res: Response, next) => {
    if (API_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`)) || !req.accepts('html')) {
      next();
      return;
    }
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  return router;
}

/** Settings from the environment: CONSOLE_DIR, and Keycloak's public address (KEYCLOAK_PUBLIC_URL, else KEYCLOAK_URL). */
export function consoleSettingsFromEnv(env: NodeJS.ProcessEnv, keycloak: { url: string; realm: string }): ConsoleSettings {
  return {
    dir: env['CONSOLE_DIR'] ?? path.resolve(__dirname, '../console/dist'),
    keycloakUrl: env['KEYCLOAK_PUBLIC_URL'] ?? keycloak.url,
    realm: keycloak.realm,
    clientId: env['CONSOLE_CLIENT_ID'] ?? 'credit-web',
  };
}
