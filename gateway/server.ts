// The gateway: Apollo Gateway serving the composed supergraph from a file (never introspection),
// behind bearer-token validation. Never listens by itself: see main.ts.
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANONYMOUS } from '../auth/caller';
import { authenticate } from '../auth/http-auth';
import type { TokenValidator } from '../auth/token-validator';
import { formatError } from '../subgraphs/common/format-error';
import type { GatewayContext } from './context';
import { AuthForwardingDataSource } from './data-source';

export interface GatewayOptions {
  readonly supergraphSdl: string;
  /** Overrides of the supergraph's routing URLs, by subgraph name. */
  readonly subgraphUrls?: Readonly<Record<string, string>>;
  readonly validator: TokenValidator;
  readonly port: number;
  readonly host?: string;
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const MAX_BODY = '256kb';

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new AuthForwardingDataSource({ url: options.subgraphUrls?.[name] ?? url }),
  });
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await server.start();

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'UP' });
  });
  app.get('/health/ready', (_req, res) => {
    res.json({ status: 'UP' });
  });
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    authenticate(options.validator),
    expressMiddleware(server, {
      context: async ({ req }) => ({ caller: req.caller ?? ANONYMOUS, authorization: req.caller?.anonymous === false ? req.headers.authorization : undefined }),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}/graphql`, stop: () => server.stop() };
}
