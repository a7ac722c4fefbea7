import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '../../src/database/scratch-server';
import { HARNESS_ENV } from './harness-env';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Runs SQL as the database owner, for assertions and for simulating operators. */
  query<T extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<T[]>;
  drop(): Promise<void>;
}

function harness(): { adminUrl: string; template: string } {
  const adminUrl = process.env[HARNESS_ENV.adminUrl];
  const template = process.env[HARNESS_ENV.template];
  if (!adminUrl || !template) throw new Error('The e2e global setup did not run');
  return { adminUrl, template };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: harness().adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database cloned from the migrated template: every test file gets its own. `empty`
 * gives a database with no schema at all, for tests of what a first start does to one.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const { adminUrl, template } = harness();
  const name = `${template.replace('template', 'test')}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    if (options.empty) {
      await client.query(`CREATE DATABASE "${name}"`);
      return;
    }
    // Two clones of one template at the same instant can collide; a short retry settles it.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('is being accessed by other users'))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  const url = withDatabase(adminUrl, name);
  return {
    name,
    url,
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    drop: () =>
      withAdmin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}
