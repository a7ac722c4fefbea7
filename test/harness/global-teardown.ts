import { Client } from 'pg';
import type { HarnessState } from './harness-env';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __harness?: HarnessState }).__harness;
  if (!state) return;
  const { server, template } = state;
  // Clones left by a crashed worker, then the template (matters on a shared DATABASE_URL server).
  const client = new Client({ connectionString: server.urlFor('postgres') });
  await client.connect();
  const leftovers = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${template.replace('template', 'test')}%`],
  );
  await client.end();
  for (const { datname } of leftovers.rows) await server.dropDatabase(datname);
  await server.dropDatabase(template);
  await server.stop();
}
