// Writes dist/persisted-query-manifest.json in Apollo's persisted query manifest format from the
// documents GraphQL Code Generator hashed: the operations this build of the console may send,
// which the gateway can restrict callers to (TRUSTED_DOCUMENTS).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'vite';
import { documentHash } from '../../platform/document-hash';

export interface ManifestOperation {
  readonly id: string;
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
}

/** The manifest of the documents code generation hashed: each id is the SHA-256 of its body, the id the console sends. */
export function manifestOf(documents: Readonly<Record<string, string>>): { format: string; version: number; operations: ManifestOperation[] } {
  const operations = Object.entries(documents).map(([hash, body]) => {
    const id = documentHash(body);
    // the console sends the hash code generation computed: it must be the manifest's id
    if (id !== hash) throw new Error(`persisted document ${hash} does not hash to its id`);
    const operation = parse(body).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation?.name) throw new Error(`persisted document ${hash} has no named operation`);
    return { id, name: operation.name.value, type: operation.operation, body };
  });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: operations.sort((a, b) => a.name.localeCompare(b.name)) };
}

export function persistedQueryManifest(documentsFile: string): Plugin {
  let outDir = '';
  return {
    name: 'persisted-query-manifest',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const documents = JSON.parse(readFileSync(documentsFile, 'utf8')) as Record<string, string>;
      writeFileSync(path.join(outDir, 'persisted-query-manifest.json'), JSON.stringify(manifestOf(documents), null, 2) + '\n');
    },
  };
}
