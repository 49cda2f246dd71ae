// The direction dependencies run in, checked in `npm test` (npm run lint:deps). From the bottom:
//   schema/      the domain: the catalogue and its rules, nothing else of the project
//   platform/    the platform kit: errors, settings, logs, metrics, traces, HTTP plumbing
//   auth/        who the caller is and what it may see
//   storage/     the storage ports and their adapters
//   audit/       the audit trail                      } features: each a room with its rules,
//   subject/, objections/, reports/, submissions/,    } schema, resolvers and routes
//   repairs/, monitoring/, cache/                     }
//   gateway/, subgraphs/ (with subgraphs/kit/), console/: the processes, composing the features
//   launcher/: the one configuration, and the system started in one process or as processes
//   scripts/, bench/, test/: tools, benchmarks and tests, above everything.
/** @type {import('dependency-cruiser').IConfiguration} */
const below = (layer, allowed) => ({
  name: `${layer}-imports-only-below`,
  comment: `${layer}/ may import only ${allowed.join(', ')}`,
  severity: 'error',
  from: { path: `^${layer}/` },
  to: { path: '^[a-z]', pathNot: [`^(${[layer, ...allowed].join('|')})/`, '^node_modules/', '^[a-z:]+$'] },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'modules that import each other cannot be read, tested or moved alone', from: {}, to: { circular: true } },
    below('schema', []),
    below('platform', ['schema']),
    below('auth', ['schema', 'platform']),
    below('storage', ['schema', 'platform', 'auth']),
    below('audit', ['schema', 'platform', 'auth', 'storage']),
    below('subject', ['schema', 'platform', 'auth', 'storage', 'audit']),
    below('objections', ['schema', 'platform', 'auth', 'storage']),
    below('cache', ['schema', 'platform', 'auth', 'storage']),
    below('repairs', ['schema', 'platform', 'auth', 'storage', 'objections', 'submissions']),
    {
      name: 'features-below-processes',
      comment: 'a feature is composed by the processes, never the other way round',
      severity: 'error',
      from: { path: '^(audit|subject|objections|repairs|reports|submissions|monitoring|cache)/' },
      to: { path: '^(gateway|subgraphs|console)/' },
    },
    {
      name: 'product-does-not-import-tools',
      comment: 'the product never imports the launcher, tools, benchmarks or tests',
      severity: 'error',
      from: { path: '^(schema|platform|auth|storage|audit|subject|objections|repairs|reports|submissions|monitoring|gateway|subgraphs|console)/' },
      to: { path: '^(launcher|scripts|bench|test)/' },
    },
    {
      name: 'launcher-below-tools',
      comment: 'the launcher is what the tools, benchmarks and tests start the system with, not one of them',
      severity: 'error',
      from: { path: '^launcher/' },
      to: { path: '^(scripts|bench|test)/' },
    },
    {
      name: 'processes-apart',
      comment: 'the gateway and the subgraphs talk over HTTP, never by import',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^subgraphs/' },
    },
    {
      name: 'subgraphs-apart-from-gateway',
      severity: 'error',
      from: { path: '^subgraphs/' },
      to: { path: '^gateway/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^node_modules/|^console/dist/|^\\.local/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'] },
  },
};
