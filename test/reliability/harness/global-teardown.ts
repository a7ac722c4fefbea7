import type { Server } from 'node:http';
import globalTeardown from '../../harness/global-teardown';
import type { HarnessState } from '../../harness/harness-env';

export default async function reliabilityTeardown(): Promise<void> {
  const state = (globalThis as { __harness?: HarnessState & { control?: Server } }).__harness;
  state?.control?.close();
  // A test that failed midway may have left the server halted: start it to clean up.
  await (state?.server as { resume?: () => Promise<void> } | undefined)?.resume?.();
  await globalTeardown();
}
