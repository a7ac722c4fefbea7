import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` until `accept` holds or the time is up; returns the last value either way. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await sleep(200);
  }
}
