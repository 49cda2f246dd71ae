// The stock Apollo Gateway for the peer benchmark: defaults, no plugins, serving a supergraph
// file. The one addition every gateway here needs for the subgraphs to answer at all: the
// caller's token and query purpose are forwarded.
//   tsx bench/peers/apollo-stock.ts <supergraph file> <port>
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readFileSync } from 'node:fs';

interface Context {
  authorization?: string;
  purpose?: string;
}

async function main(): Promise<void> {
  const [file, port] = process.argv.slice(2);
  if (!file || !port) throw new Error('usage: apollo-stock.ts <supergraph file> <port>');
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(file, 'utf8'),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<Context>({
        url,
        willSendRequest({ request, context }) {
          const { authorization, purpose } = context as Partial<Context>;
          if (authorization) request.http?.headers.set('authorization', authorization);
          if (purpose) request.http?.headers.set('x-query-purpose', purpose);
        },
      }),
  });
  const server = new ApolloServer<Context>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(port), host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization, purpose: req.headers['x-query-purpose'] as string | undefined }),
  });
  process.stdout.write(`stock Apollo Gateway ready at ${url}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
