import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

/** The PostgreSQL the service talks to, and how to let go of it at shutdown. */
export interface DatabaseConnection {
  readonly url: string;
  readonly kind: 'external' | 'embedded';
  /** Human-readable, password-free description for logs. */
  readonly description: string;
  release(): Promise<void>;
}

export const EMBEDDED_DATABASE_NAME = 'registry';

/** DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR. */
export async function connectDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<DatabaseConnection> {
  if (config.database.url) {
    return {
      url: config.database.url,
      kind: 'external',
      description: `PostgreSQL at ${redactUrl(config.database.url)} (DATABASE_URL)`,
      release: () => Promise.resolve(),
    };
  }
  const server = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.database.embeddedPort,
    log,
  });
  await server.createDatabaseIfMissing(EMBEDDED_DATABASE_NAME);
  return {
    url: server.urlFor(EMBEDDED_DATABASE_NAME),
    kind: 'embedded',
    description: `embedded PostgreSQL on 127.0.0.1:${server.port}, data in ${server.clusterDir}`,
    release: () => server.stop(),
  };
}

/** The URL with any password removed, safe to log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
