import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const DIST = resolve(__dirname, '..', '..', 'dist');
const MAIN = resolve(DIST, 'src', 'main.js');

/** The start-up banner's facts, as JSON logs carry them. */
export interface Banner {
  consoleUrl: string;
  apiUrl: string;
  docsUrl: string;
  database: string;
  firstAdmin?: { email: string; passwordFile: string | null };
  demoData: {
    loaded: boolean;
    created?: Record<string, number>;
    present?: Record<string, number>;
    why?: string;
  };
}

export interface RunningService {
  child: ChildProcess;
  lines: string[];
  apiUrl: string;
  banner: Banner;
}

export interface StartOptions {
  /** The command; by default the built service, as `npm start` runs it. */
  readonly command?: readonly string[];
  readonly cwd?: string;
  /** Run as this user and group (a container's non-root user, when the tests run as root). */
  readonly uid?: number;
  readonly gid?: number;
}

/** Starts the service with JSON logs on a free port (unless env says otherwise), until it is ready. */
export function startService(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<RunningService> {
  const [command, ...args] = options.command ?? [process.execPath, MAIN];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      uid: options.uid,
      gid: options.gid,
      env: { ...process.env, PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
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
        // The banner is the last line of start-up; in JSON logs its facts are fields.
        if (line.includes('"msg":"Ready: ')) {
          const banner = JSON.parse(line) as Banner;
          clearTimeout(timer);
          resolvePromise({ child, lines, apiUrl: banner.apiUrl, banner });
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

/** Stops it as a terminal (SIGINT) or an orchestrator (SIGTERM) would; resolves the exit code. */
export function stopService(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<number | null> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null) {
      resolvePromise(child.exitCode);
      return;
    }
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolvePromise(code));
    child.kill(signal);
  });
}

/** Runs a command to its end, with both output streams collected. */
export function runToEnd(
  command: readonly string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<{ code: number | null; output: string }> {
  const [file, ...args] = command;
  return new Promise((resolvePromise) => {
    const child = spawn(file, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolvePromise({ code, output }));
  });
}
