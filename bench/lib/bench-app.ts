import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnNode, stopChild } from './child-processes';

const MAIN = resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');
const ADMIN = {
  email: 'bench.admin@example.org',
  password: 'a benchmark passphrase that is long enough',
};

export interface BenchApp {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** Authorization header of a signed-in admin. */
  readonly auth: { authorization: string };
  /** The service's resident memory now, in MB (from /proc). */
  rssMb(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The built service (`npm start`'s dist/src/main.js) on a scratch database, in a process of its
 * own: its event loop and memory are its own, as in production, so the load generator (another
 * process) and the baselines neither share its event loop nor count in its RSS.
 */
export async function startBenchApp(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<BenchApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'twin-park-bench-app-'));
  const child = spawnNode(MAIN, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-only-secret-that-is-long-enough-0123456789',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_FORMAT: 'json',
      // Production's level: one log line per request is part of what the API costs.
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      AUDIT_SEAL_INTERVAL_SECONDS: '0',
      LOGIN_LIMIT_PER_ADDRESS: '100000',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let baseUrl: string;
  let accessToken: string;
  try {
    baseUrl = await readyUrl(child);
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (login.status !== 200)
      throw new Error(`sign-in answered ${login.status}: ${await login.text()}`);
    ({ accessToken } = (await login.json()) as { accessToken: string });
  } catch (error) {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    auth: { authorization: `Bearer ${accessToken}` },
    async rssMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async close() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The base URL from the service's `Ready:` log line; later log lines are read and dropped. */
function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let buffer = '';
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (ready) return;
      buffer += chunk.toString('utf8');
      const found = /"apiUrl":"(http:\/\/[^"]+)\/api\/v1"/.exec(buffer);
      if (found) {
        ready = true;
        resolvePromise(found[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`the service exited with ${code}:\n${buffer}`));
    });
  });
}
