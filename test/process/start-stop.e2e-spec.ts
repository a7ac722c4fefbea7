import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isProcessAlive, postmasterPid } from '../../src/database/embedded-postgres';
import { DIST, runToEnd, startService, stopService } from './service-process';

const MAIN = resolve(DIST, 'src', 'main.js');
const SEED_DEMO = resolve(DIST, 'src', 'cli', 'seed-demo.js');

const embedded = (dataDir: string) => startService({ DATABASE_URL: '', DATA_DIR: dataDir });

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
    const first = await embedded(dataDir);
    running = first.child;
    expect(first.lines.join('\n')).toMatch(/Database: embedded PostgreSQL on 127\.0\.0\.1:\d+/);
    expect(first.lines.join('\n')).toMatch(/Applied migrations: /);
    expect(first.banner.docsUrl).toMatch(/^http:\/\/localhost:\d+\/docs$/);
    expect(first.banner.database).toMatch(/^embedded PostgreSQL on 127\.0\.0\.1:\d+/);
    // A newcomer's first start on an empty embedded database gets the demo data.
    expect(first.banner.demoData).toEqual({
      loaded: true,
      created: { fxRates: 3, investors: 15, parks: 17, pairings: 2, projects: 9, documents: 2 },
      present: { fxRates: 0, investors: 0, parks: 0, pairings: 0, projects: 0, documents: 0 },
    });
    const ready = await fetch(first.apiUrl.replace('/api/v1', '/health/ready'));
    expect(ready.status).toBe(200);
    const pid = await postmasterPid(join(dataDir, 'pg'));
    expect(pid).not.toBeNull();

    // First start: a generated admin password in a 0600 file; JSON logs name the file, never
    // the password (a terminal's pretty banner shows it once).
    const passwordFile = join(dataDir, 'admin-password.txt');
    expect(first.banner.firstAdmin).toEqual({ email: 'admin@twin-parks.local', passwordFile });
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
    const [email, password] = (await readFile(passwordFile, 'utf8')).trim().split('\n');
    expect(first.lines.join('\n')).not.toContain(password);
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
    const pairings = (await (
      await fetch(`${first.apiUrl}/pairings`, { headers: auth })
    ).json()) as { items: { code: string }[] };
    expect(pairings.items.map((p) => p.code).sort()).toEqual(['CN-ID-TCTP', 'CN-MY-TCTP']);

    // npm run seed:demo next to the running service uses its PostgreSQL (does not stop it)
    // and finds everything there already.
    const seed = await runToEnd([process.execPath, SEED_DEMO], {
      DATABASE_URL: '',
      DATA_DIR: dataDir,
    });
    expect(seed.code).toBe(0);
    expect(seed.output).toContain('created none; already there: 17 parks, 2 pairings');
    expect((await fetch(first.apiUrl.replace('/api/v1', '/health/ready'))).status).toBe(200);

    expect(await stopService(first.child)).toBe(0);
    expect(isProcessAlive(pid!)).toBe(false);
    expect(await postmasterPid(join(dataDir, 'pg'))).toBeNull();

    const second = await embedded(dataDir);
    running = second.child;
    expect(second.lines.join('\n')).toMatch(/Schema is up to date/);
    expect(second.lines.join('\n')).not.toMatch(/initialising a new PostgreSQL cluster/);
    expect(second.banner.firstAdmin).toBeUndefined();
    expect(second.banner.demoData).toEqual({ loaded: false, why: 'loaded at an earlier start' });
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
    const secondPid = await postmasterPid(join(dataDir, 'pg'));
    expect(await stopService(second.child)).toBe(0);
    expect(isProcessAlive(secondPid!)).toBe(false);
  }, 120_000);

  it('refuses to start with invalid configuration, naming the variable', async () => {
    const run = await runToEnd([process.execPath, MAIN], {
      PORT: 'eighty',
      DATA_DIR: join(workDir, 'unused'),
    });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/PORT/);
  });
});
