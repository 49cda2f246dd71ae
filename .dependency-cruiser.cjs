// The direction dependencies run in, checked in `npm test` (npm run lint:deps). From the bottom:
//   schema/    the domain: the catalogue and its rules, nothing else of the project
//   common/    the platform kit: errors, settings, logs, metrics, traces, HTTP plumbing
//   auth/      who the caller is and what it may see
//   storage/   the storage ports and their adapters
//   above them the features and processes (gateway/, subgraphs/, monitoring/, console/), and
//   above everything the launcher, tools, benchmarks and tests (scripts/, bench/, test/).
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
    below('common', ['schema']),
    below('auth', ['schema', 'common']),
    below('storage', ['schema', 'common', 'auth']),
    {
      name: 'product-does-not-import-tools',
      comment: 'the product never imports the launcher, tools, benchmarks or tests',
      severity: 'error',
      from: { path: '^(schema|common|auth|storage|gateway|subgraphs|monitoring|console)/' },
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
