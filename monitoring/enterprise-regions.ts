// The region an enterprise is registered in, as the directory (the identity subgraph) holds it:
// the one definition access rules and search use, so a region watch matches the same enterprises a
// district's officers may submit for. Asked with the dispatcher's own service account, signed as
// every request between the services is.
import { refreshingClientToken } from '../auth/client-token';
import { remoteRegistry } from '../submissions/enterprise-registry';

export type RegionsOf = (usccs: readonly string[]) => Promise<Map<string, string>>;

export function directoryRegions(identityUrl: string, hopKey: string, token: () => Promise<string>): RegionsOf {
  const registry = remoteRegistry(() => identityUrl, hopKey);
  return async (usccs) => (usccs.length === 0 ? new Map() : registry.regionsOf(usccs, `Bearer ${await token()}`));
}

/** The dispatcher's token source: client credentials of DISPATCHER_CLIENT_ID (svc-dispatcher). */
export function dispatcherToken(keycloakUrl: string, env: NodeJS.ProcessEnv): () => Promise<string> {
  return refreshingClientToken(keycloakUrl, env['DISPATCHER_CLIENT_ID'] ?? 'svc-dispatcher', env['DISPATCHER_CLIENT_SECRET'] ?? 'svc-dispatcher-secret');
}
