import { afterFailure, MAX_MAIL_ATTEMPTS, retryDelayMs } from './mail-retry';

describe('mail retry backoff', () => {
  const noJitter = () => 0;
  const fullJitter = () => 0.999999;

  it('doubles from 30 s and stops growing at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => retryDelayMs(n, noJitter) / 1000)).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600,
    ]);
  });

  it('adds at most a tenth as jitter', () => {
    expect(retryDelayMs(1, fullJitter)).toBeLessThanOrEqual(33_000);
    expect(retryDelayMs(1, fullJitter)).toBeGreaterThan(32_900);
    expect(retryDelayMs(20, fullJitter)).toBeLessThanOrEqual(3_960_000);
  });

  it('waits after each failure until the last attempt, then gives up', () => {
    const now = new Date('2026-03-14T09:00:00Z');
    expect(afterFailure(1, now, noJitter)).toEqual({
      status: 'pending',
      nextAttemptAt: new Date('2026-03-14T09:00:30Z'),
    });
    expect(afterFailure(MAX_MAIL_ATTEMPTS - 1, now, noJitter).status).toBe('pending');
    expect(afterFailure(MAX_MAIL_ATTEMPTS, now, noJitter)).toEqual({ status: 'failed' });
    expect(MAX_MAIL_ATTEMPTS).toBe(8);
  });
});
