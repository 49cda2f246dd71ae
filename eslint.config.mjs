// Lint rules for the whole project: typescript-eslint's type-aware recommended set plus the rules
// that keep a credit system honest (no floating promises, no non-null assertions, strict equality,
// console only in entry points and tools).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'console/dist/',
      'console/src/gql/',
      'console/public/',
      '.local/',
      'coverage/',
      'eslint.config.mjs',
      '.dependency-cruiser.cjs',
      'jest.config.js',
      'test/integration/sequencer.js',
      'examples/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // Apollo's plugin hooks are async by contract, with or without an await inside
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // command-line tools, benchmarks and tests may write to the console
    files: ['scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Jest's asymmetric matchers (expect.objectContaining, …) are typed `any`
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off' },
  },
);
