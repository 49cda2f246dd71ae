// Stops the services global-setup started (and only those: a database or Keycloak that was
// already running, or given by URL, is left alone).
import { servicesDown } from '../../scripts/services/index';

export default async function globalTeardown(): Promise<void> {
  if (process.env['CREDIT_TEST_STARTED_SERVICES'] === '1') await servicesDown();
}
