import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for';

/** Debian's clamd (package clamav-daemon); CLAMD_BINARY points elsewhere. */
export const CLAMD_BINARY = process.env.CLAMD_BINARY ?? '/usr/sbin/clamd';

/** The signature name our own database gives the test file. */
export const TEST_SIGNATURE = 'Registry.Test.Signature';

/**
 * A plain-text file that our signature database calls infected. Our own hash signature, not a
 * downloaded database: the machines here have no internet, and the test must not depend on
 * ClamAV's published signatures.
 */
export const INFECTED_TEXT = Buffer.from(
  'This text stands in for malware in the registry tests: clamd is told it is infected.\n',
);

export function clamdAvailable(): boolean {
  return existsSync(CLAMD_BINARY);
}

/** Whether clamd answers a PING on its socket. */
function pings(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const client = connect(socket);
    let reply = '';
    client.setTimeout(2000);
    client.on('connect', () => client.write('zPING\0'));
    client.on('data', (chunk) => (reply += chunk.toString()));
    client.on('end', () => resolve(reply.startsWith('PONG')));
    client.on('timeout', () => (client.destroy(), resolve(false)));
    client.on('error', () => resolve(false));
  });
}

/**
 * A clamd of the test's own: its socket in a temporary directory, a signature database that
 * knows only INFECTED_TEXT (an MD5 hash signature, `.hdb`), and `stop()`/`start()` to take
 * it down and bring it back.
 */
export class TestClamd {
  private process: ChildProcess | null = null;

  private constructor(
    private readonly dir: string,
    readonly socket: string,
  ) {}

  static async start(): Promise<TestClamd> {
    const dir = await mkdtemp(join(tmpdir(), 'registry-clamd-'));
    const db = join(dir, 'db');
    await mkdir(db);
    const md5 = createHash('md5').update(INFECTED_TEXT).digest('hex');
    await writeFile(
      join(db, 'registry-test.hdb'),
      `${md5}:${INFECTED_TEXT.length}:${TEST_SIGNATURE}\n`,
    );
    const socket = join(dir, 'clamd.sock');
    await writeFile(
      join(dir, 'clamd.conf'),
      [
        'Foreground yes',
        `LocalSocket ${socket}`,
        `DatabaseDirectory ${db}`,
        `LogFile ${join(dir, 'clamd.log')}`,
        `PidFile ${join(dir, 'clamd.pid')}`,
        // Above the uploads the tests send (clamd refuses a longer stream).
        'StreamMaxLength 30M',
        '',
      ].join('\n'),
    );
    const clamd = new TestClamd(dir, socket);
    await clamd.start();
    return clamd;
  }

  async start(): Promise<void> {
    const child = spawn(CLAMD_BINARY, ['-c', join(this.dir, 'clamd.conf')], { stdio: 'ignore' });
    this.process = child;
    const up = await waitFor(
      () => pings(this.socket),
      (ok) => ok || child.exitCode !== null,
      30_000,
    );
    if (!up) throw new Error(`clamd did not start (see ${join(this.dir, 'clamd.log')})`);
  }

  /** Stops clamd (the socket goes with it): scans cannot be made until start(). */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await rm(this.socket, { force: true });
  }

  async close(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
