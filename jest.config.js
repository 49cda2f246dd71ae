/** Unit tests need no services; integration tests start PostgreSQL, FerretDB (for the MongoDB adapter) and Keycloak in globalSetup. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
module.exports = {
  // the check of what a whole run logged goes last
  testSequencer: require('node:path').join(__dirname, 'test/integration/sequencer.js'),
  // Integration tests talk to real services; a test that hangs still fails within a minute.
  testTimeout: 60_000,
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest }, testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
  ],
};
