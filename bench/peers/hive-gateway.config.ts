// Hive Gateway for the peer benchmark: its defaults, plus what every gateway here must do for the
// subgraphs to answer at all, forward the caller's token and query purpose. (Plain object rather
// than defineConfig: importing @graphql-hive/gateway's types would bring a second @types/node.)
export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }: { request: Request }) => ({
      authorization: request.headers.get('authorization') ?? '',
      'x-query-purpose': request.headers.get('x-query-purpose') ?? '',
    }),
  },
};
