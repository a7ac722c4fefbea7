/** Where test workers ask the suite's PostgreSQL to stop or start (see global-setup.ts). */
export const DATABASE_CONTROL_ENV = 'TWIN_PARK_RELIABILITY_DB_CONTROL';

async function ask(action: 'halt' | 'resume'): Promise<void> {
  const base = process.env[DATABASE_CONTROL_ENV];
  if (!base) throw new Error('The reliability global setup did not run');
  const response = await fetch(`${base}/${action}`, { method: 'POST' });
  if (response.status !== 204) throw new Error(`${action} failed: ${await response.text()}`);
}

/** Stops the PostgreSQL server under the app: a crash or a maintenance stop, as clients see it. */
export const haltDatabase = (): Promise<void> => ask('halt');
/** Starts it again, same port and data. */
export const resumeDatabase = (): Promise<void> => ask('resume');
