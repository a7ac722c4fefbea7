import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isProcessAlive } from '../../src/database/embedded-postgres';

const MAIN = resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');

interface Started {
  child: ChildProcess;
  lines: string[];
  apiUrl: string;
}

/** Starts the built service (`npm start` runs the same file) with JSON logs, until it listens. */
function startService(dataDir: string): Promise<Started> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        PORT: '0',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let apiUrl = '';
    const timer = setTimeout(
      () => reject(new Error(`service did not start:\n${lines.join('\n')}`)),
      60_000,
    );
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const api = /"msg":"API:\s+(http:\/\/[^"]+)"/.exec(line);
        if (api) apiUrl = api[1];
        // The docs line is the last one of start-up.
        if (apiUrl && line.includes('"msg":"Docs:')) {
          clearTimeout(timer);
          resolvePromise({ child, lines, apiUrl });
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${lines.join('\n')}`));
    });
  });
}

function stopService(child: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolvePromise(code));
    child.kill('SIGINT');
  });
}

async function postmasterPid(dataDir: string): Promise<number | null> {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return null;
  return Number.parseInt((await readFile(file, 'utf8')).split('\n')[0] ?? '', 10);
}

describe('npm start with the embedded PostgreSQL', () => {
  let workDir: string;
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'twin-park-start-'));
    await chmod(workDir, 0o755);
  });

  afterAll(async () => {
    if (running && running.exitCode === null) await stopService(running);
    await rm(workDir, { recursive: true, force: true });
  });

  it('starts, serves, stops on SIGINT with no postgres left, and reuses its data on the next start', async () => {
    const dataDir = join(workDir, 'data');
    const first = await startService(dataDir);
    running = first.child;
    expect(first.lines.join('\n')).toMatch(/Database: embedded PostgreSQL on 127\.0\.0\.1:\d+/);
    expect(first.lines.join('\n')).toMatch(/Applied migrations: /);
    expect(first.lines.join('\n')).toMatch(/Docs: http:\/\/[^"]+\/docs/);
    const ready = await fetch(first.apiUrl.replace('/api/v1', '/health/ready'));
    expect(ready.status).toBe(200);
    const pid = await postmasterPid(dataDir);
    expect(pid).not.toBeNull();

    // First start: a generated admin password, printed once and kept in a 0600 file.
    const announcement = first.lines.find((line) => line.includes('First start: created admin'));
    expect(announcement).toBeDefined();
    const passwordFile = join(dataDir, 'admin-password.txt');
    expect(announcement).toContain(passwordFile);
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
    const [email, password] = (await readFile(passwordFile, 'utf8')).trim().split('\n');
    expect(announcement).toContain(password);
    const login = await fetch(`${first.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const asean = (await (
      await fetch(`${first.apiUrl}/countries?asean=true`, { headers: auth })
    ).json()) as {
      items: unknown[];
    };
    expect(asean.items).toHaveLength(11);

    expect(await stopService(first.child)).toBe(0);
    expect(isProcessAlive(pid!)).toBe(false);
    expect(await postmasterPid(dataDir)).toBeNull();

    const second = await startService(dataDir);
    running = second.child;
    expect(second.lines.join('\n')).toMatch(/Schema is up to date/);
    expect(second.lines.join('\n')).not.toMatch(/initialising a new PostgreSQL cluster/);
    expect(second.lines.join('\n')).not.toContain('First start');
    const relogin = await fetch(`${second.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const { accessToken: secondToken } = (await relogin.json()) as { accessToken: string };
    const response = await fetch(`${second.apiUrl}/industries?level=division&limit=200`, {
      headers: { authorization: `Bearer ${secondToken}` },
    });
    expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(88);
    const secondPid = await postmasterPid(dataDir);
    expect(await stopService(second.child)).toBe(0);
    expect(isProcessAlive(secondPid!)).toBe(false);
  }, 120_000);

  it('refuses to start with invalid configuration, naming the variable', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: 'eighty', DATA_DIR: join(workDir, 'unused') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(output).toMatch(/PORT/);
  });
});
