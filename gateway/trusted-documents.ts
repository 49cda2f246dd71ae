// Trusted documents: the operations a front end was built with, listed in Apollo's persisted
// query manifest ({"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{id,
// name, type, body}]}, id = SHA-256 of body). The manifest's operations run by id in every mode
// (the console sends ids only). With TRUSTED_DOCUMENTS=anonymous, callers without a token may run
// only those operations (by id, or by sending the same text); with `all`, everyone may; `off` (the
// default) accepts any operation. Signed-in callers keep automatic persisted queries (APQ) either way.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendError } from '../platform/errors';
import { documentHash as sha256 } from '../platform/document-hash';

export type TrustedDocumentsMode = 'off' | 'anonymous' | 'all';

export interface TrustedDocuments {
  readonly mode: TrustedDocumentsMode;
  /** Operation bodies by id. */
  readonly operations: ReadonlyMap<string, string>;
}

export function loadManifest(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`TRUSTED_DOCUMENTS_MANIFEST: ${file} is not readable JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const manifest = parsed as { format?: unknown; version?: unknown; operations?: unknown } | null;
  if (manifest?.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`TRUSTED_DOCUMENTS_MANIFEST: ${file} is not an Apollo persisted query manifest (format apollo-persisted-query-manifest, version 1)`);
  }
  const operations = new Map<string, string>();
  for (const op of manifest.operations as { id?: unknown; body?: unknown }[]) {
    if (typeof op.id !== 'string' || typeof op.body !== 'string' || sha256(op.body) !== op.id)
      throw new Error(`TRUSTED_DOCUMENTS_MANIFEST: operation ${String(op.id)} has no body whose SHA-256 is its id`);
    operations.set(op.id, op.body);
  }
  return operations;
}

export function trustedDocumentsFromEnv(env: NodeJS.ProcessEnv): TrustedDocuments {
  const mode = (env['TRUSTED_DOCUMENTS'] ?? 'off') as TrustedDocumentsMode;
  if (!['off', 'anonymous', 'all'].includes(mode)) throw new Error(`TRUSTED_DOCUMENTS must be off, anonymous or all, got '${mode}'`);
  // the manifest the console's build writes, unless another is named
  const file = env['TRUSTED_DOCUMENTS_MANIFEST'] ?? CONSOLE_MANIFEST;
  if (!existsSync(file)) {
    // without a manifest nothing can be restricted to it; with `off` the gateway simply knows no ids
    if (mode === 'off') return { mode, operations: new Map() };
    throw new Error(`TRUSTED_DOCUMENTS=${mode} needs a persisted query manifest: ${file} is missing (npm run console:build writes it, or set TRUSTED_DOCUMENTS_MANIFEST)`);
  }
  return { mode, operations: loadManifest(file) };
}

/** The console's manifest: its operations are known by id whatever the mode, since the console sends ids only. */
const CONSOLE_MANIFEST = path.resolve(__dirname, '../console/dist/persisted-query-manifest.json');

interface GraphQLBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/**
 * Runs after authentication on POST /graphql: fills in the text of a manifest operation sent by
 * id, and refuses any other operation from a caller the mode restricts.
 */
export function trustedDocuments(trusted: TrustedDocuments): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const body = (req.method === 'POST' ? req.body : undefined) as GraphQLBody | undefined;
    const id = typeof body?.extensions?.persistedQuery?.sha256Hash === 'string' ? body.extensions.persistedQuery.sha256Hash : undefined;
    const known = id ? trusted.operations.get(id) : undefined;
    // a manifest operation sent by id runs whatever the mode: the console sends ids only
    if (body && known !== undefined && body.query === undefined) body.query = known;
    if (trusted.mode === 'off') return next();
    const restricted = trusted.mode === 'all' || !req.caller || req.caller.anonymous;
    if (!restricted) return next();
    const text = typeof body?.query === 'string' ? body.query : undefined;
    if (text !== undefined && trusted.operations.has(sha256(text))) return next();
    sendError(
      res,
      'PERSISTED_QUERY_NOT_ALLOWED',
      `${trusted.mode === 'all' ? 'callers' : 'callers without a token'} may run only the console's operations: send a manifest operation's id in extensions.persistedQuery.sha256Hash`,
    );
  };
}
