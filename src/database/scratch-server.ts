import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findFreePort, startEmbeddedPostgres } from './embedded-postgres';

/**
 * A PostgreSQL server for throw-away databases (tests, drift check, benchmarks): the server
 * behind DATABASE_URL when given, otherwise an embedded one in a temporary directory that is
 * removed on stop.
 */
export interface ScratchServer {
  readonly description: string;
  urlFor(database: string): string;
  createDatabase(name: string, template?: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startScratchServer(options: {
  externalUrl?: string;
  log?: (line: string) => void;
}): Promise<ScratchServer> {
  const log = options.log ?? (() => {});
  if (options.externalUrl) {
    const base = options.externalUrl;
    return scratchServer(
      `PostgreSQL at ${new URL(base).host}`,
      (db) => withDatabase(base, db),
      () => Promise.resolve(),
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'twin-park-pg-'));
  const server = await startEmbeddedPostgres({ dataDir: dir, port: 0, log });
  return scratchServer(
    `embedded PostgreSQL on 127.0.0.1:${server.port}`,
    (database) => server.urlFor(database),
    async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  );
}

/** A scratch server that can be stopped and started again, for database outage tests. */
export interface RestartableScratchServer extends ScratchServer {
  /** Stops PostgreSQL (fast shutdown: sessions are ended, open transactions roll back). */
  halt(): Promise<void>;
  /** Starts it again on the same port, with the same data. */
  resume(): Promise<void>;
}

export async function startRestartableScratchServer(
  log: (line: string) => void = () => {},
): Promise<RestartableScratchServer> {
  const dir = await mkdtemp(join(tmpdir(), 'twin-park-pg-'));
  const port = await findFreePort();
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null =
    await startEmbeddedPostgres({ dataDir: dir, port, log });
  const urls = server;
  const base = scratchServer(
    `embedded PostgreSQL on 127.0.0.1:${port}`,
    (database) => urls.urlFor(database),
    async () => {
      await server?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  );
  return {
    ...base,
    async halt() {
      await server?.stop();
      server = null;
    },
    async resume() {
      server ??= await startEmbeddedPostgres({ dataDir: dir, port, log });
    },
  };
}

function scratchServer(
  description: string,
  urlFor: (database: string) => string,
  stop: () => Promise<void>,
): ScratchServer {
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: urlFor('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    description,
    urlFor,
    createDatabase: (name, template) =>
      admin(async (client) => {
        const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
        return urlFor(name);
      }),
    dropDatabase: (name) =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
    stop,
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
