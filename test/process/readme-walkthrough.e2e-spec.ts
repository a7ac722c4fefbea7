import { spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '../../src/database/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '../harness/test-database';
import { type RunningService, startService, stopService } from './service-process';

const ROOT = resolve(__dirname, '..', '..');
const SAMPLE_CSV = join('src', 'modules', 'demo-data', 'projects-sample.csv');

/** The README's walkthrough: every ```bash block between "## Walkthrough" and the next section. */
async function walkthroughScript(): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Walkthrough\n');
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const blocks = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]);
  expect(blocks.length).toBeGreaterThanOrEqual(6);
  return blocks.join('\n');
}

function runBash(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    // -e and pipefail: any command that fails (curl -f on an HTTP error) fails the walkthrough.
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe('README walkthrough, pasted into a shell against a started service', () => {
  let workDir: string;
  let db: TestDatabase;
  let service: RunningService | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'twin-park-walkthrough-'));
    await chmod(workDir, 0o755);
    // The walkthrough runs in the project directory: it reads the sample CSV from there.
    await mkdir(join(workDir, 'src', 'modules', 'demo-data'), { recursive: true });
    await copyFile(join(ROOT, SAMPLE_CSV), join(workDir, SAMPLE_CSV));
    db = await createTestDatabase();
  });

  afterAll(async () => {
    if (service) await stopService(service.child);
    await db?.drop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('runs every command of the walkthrough, and each does what the README says', async () => {
    const port = String(await findFreePort());
    service = await startService({
      DATABASE_URL: db.url,
      // A DATABASE_URL database gets the demo data only when asked.
      DEMO_DATA: 'true',
      DATA_DIR: join(workDir, '.data'),
      PORT: port,
    });
    expect(service.banner.demoData).toMatchObject({ loaded: true });

    const run = await runBash(await walkthroughScript(), workDir, { PORT: port });
    if (run.code !== 0) throw new Error(`walkthrough failed:\n${run.stdout}\n${run.stderr}`);
    const out = run.stdout;
    // Pairings with their sides.
    expect(out).toMatch(/CN-MY-TCTP {2}China-Malaysia Two Countries Twin Parks {2}\[draft\]/);
    expect(out).toMatch(
      /ID: ID-AVIARNA, ID-BATANG, ID-BINTAN|ID: ID-BINTAN, ID-AVIARNA, ID-BATANG/,
    );
    // The logged project: its ref, and USD at Bank Negara's 2024-03-15 rate.
    expect(out).toMatch(
      /MY-MCKIP-2026-\d{4}: 120000000\.00 MYR = USD 25507492\.80 \(rate of 2024-03-15\)/,
    );
    expect(out).toContain('dry run: 3 rows OK');
    expect(out).toMatch(
      /imported 3 projects \(MY-MCKIP-2026-\d{4}, CN-CMQIP-2025-\d{4}, ID-BATANG-2026-\d{4}\), 2 new investors/,
    );
    // History: the insert, then the update with its reason.
    expect(out).toMatch(
      /update project {2}referenceDate, signedOn, stage, updatedAt, version {2}signed at the investment forum/,
    );
    expect(out).toMatch(/insert project {4}\n/);
    expect(out).toMatch(/insert project_sector /);
    expect(out).toMatch(/audit log ok: true, \d+ change rows checked/);

    const xlsx = await readFile(join(workDir, 'sectors.xlsx'));
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    const svg = await readFile(join(workDir, 'sectors.svg'), 'utf8');
    expect(svg).toContain('<svg');

    expect(await stopService(service.child)).toBe(0);
    service = undefined;
  }, 120_000);
});
