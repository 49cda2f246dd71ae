// Starts the real services once for the integration run: FerretDB (or MONGODB_URI) and
// Keycloak (or KEYCLOAK_URL). Workers read the endpoints from the environment.
import { runningServices, servicesUp } from '../../scripts/services/index';

export default async function globalSetup(): Promise<void> {
  const alreadyRunning = runningServices();
  const endpoints = await servicesUp();
  process.env['MONGODB_URI'] = endpoints.mongodbUri;
  process.env['KEYCLOAK_URL'] = endpoints.keycloakUrl;
  if (!alreadyRunning && process.env['CREDIT_KEEP_SERVICES'] !== '1') process.env['CREDIT_TEST_STARTED_SERVICES'] = '1';
}
