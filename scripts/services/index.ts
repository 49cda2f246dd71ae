// The real services the system needs: MongoDB (FerretDB here, or MONGODB_URI) and Keycloak
// (started here, or KEYCLOAK_URL). Started once, reused by later starts, stopped on request.
import { startFerretdb, stopFerretdb } from './ferretdb';
import { runningPid } from './process';
import { startKeycloak, stopKeycloak } from './keycloak';

export interface ServiceEndpoints {
  readonly mongodbUri: string;
  readonly keycloakUrl: string;
}

export async function servicesUp(env: NodeJS.ProcessEnv = process.env): Promise<ServiceEndpoints> {
  const [mongodbUri, keycloakUrl] = await Promise.all([
    env['MONGODB_URI'] ?? startFerretdb(Number(env['FERRETDB_PORT'] ?? 27017)),
    env['KEYCLOAK_URL'] ?? startKeycloak(Number(env['KEYCLOAK_PORT'] ?? 8080)),
  ]);
  return { mongodbUri, keycloakUrl: keycloakUrl.replace(/\/+$/, '') };
}

export async function servicesDown(): Promise<void> {
  await Promise.all([stopFerretdb(), stopKeycloak()]);
}

/** Whether this project's FerretDB or Keycloak is already running (started by an earlier command). */
export function runningServices(): boolean {
  return runningPid('ferretdb') !== undefined || runningPid('keycloak') !== undefined;
}
