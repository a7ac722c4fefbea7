import { PeriodicJob } from './periodic-job';

describe('PeriodicJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at each tick, never two runs at once, and logs a failed run', async () => {
    const warn = jest.fn();
    let release: () => void = () => {};
    let runs = 0;
    const job = new PeriodicJob(
      'test job',
      1000,
      () => {
        runs += 1;
        if (runs === 2) return Promise.reject(new Error('boom'));
        return new Promise<void>((resolve) => (release = resolve));
      },
      { warn },
    ).start();
    jest.advanceTimersByTime(1000);
    jest.advanceTimersByTime(1000); // the first run is still going: no second run
    expect(runs).toBe(1);
    release();
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    expect(runs).toBe(2);
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(warn).toHaveBeenCalledWith('test job skipped: Error: boom');
    await job.stop();
  });

  it('stays off with an interval of 0', async () => {
    const run = jest.fn(() => Promise.resolve());
    const job = new PeriodicJob('off', 0, run, { warn: jest.fn() }).start();
    jest.advanceTimersByTime(60_000);
    expect(run).not.toHaveBeenCalled();
    await job.stop();
  });
});
