// `npm run services:up` / `npm run services:down`: the database and Keycloak, on their own.
import { servicesDown, servicesUp } from './services/index';

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command === 'up') {
    const endpoints = await servicesUp();
    process.stdout.write(
      `${endpoints.mongodbUri ? `MONGODB_URI=${endpoints.mongodbUri}` : 'DATABASE_URL=(the project cluster; password in .local/data/postgres-admin-password)'}\nKEYCLOAK_URL=${endpoints.keycloakUrl}\n`,
    );
  } else if (command === 'down') {
    await servicesDown();
    process.stdout.write('services stopped\n');
  } else {
    throw new Error('usage: services.ts up|down');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
