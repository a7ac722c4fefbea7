import { startScratchServer } from '../../src/database/scratch-server';
import { HARNESS_ENV, type HarnessState } from './harness-env';
import { createMigratedTemplate } from './migrated-template';

/**
 * Once per test run: a PostgreSQL server (DATABASE_URL's, or an embedded one in a temporary
 * directory), and a template database with every migration applied. Each test file clones the
 * template (see test-database.ts), so files run in parallel without cleaning up after each other.
 */
export default async function globalSetup(): Promise<void> {
  const server = await startScratchServer({ externalUrl: process.env.DATABASE_URL });
  const template = await createMigratedTemplate(server);
  (globalThis as { __harness?: HarnessState }).__harness = { server, template };
  // Workers start after this and inherit the environment.
  process.env[HARNESS_ENV.adminUrl] = server.urlFor('postgres');
  process.env[HARNESS_ENV.template] = template;
}
