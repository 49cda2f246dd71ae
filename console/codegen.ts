// GraphQL Code Generator: typed documents for every operation the console sends, checked against
// the API schema clients see, with the SHA-256 of each document: its id in the persisted query manifest.
import type { CodegenConfig } from '@graphql-codegen/cli';
import { documentHash } from '../platform/document-hash';

const config: CodegenConfig = {
  schema: 'schema/api-schema.graphql',
  // operations live in .graphql files; pages import their typed documents from gql/graphql.ts,
  // so each page's chunk carries only its own operations
  documents: ['console/src/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'console/src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // each document carries its hash: the console sends ids only, the gateway holds the texts
        // (the build's manifest)
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: documentHash },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { Date: 'string', DateTime: 'string', Money: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
