import type { ScratchServer } from '../../src/database/scratch-server';

/** Environment variables through which global setup tells test files where the template is. */
export const HARNESS_ENV = {
  adminUrl: 'TWIN_PARK_TEST_ADMIN_URL',
  template: 'TWIN_PARK_TEST_TEMPLATE',
} as const;

export interface HarnessState {
  readonly server: ScratchServer;
  readonly template: string;
}
