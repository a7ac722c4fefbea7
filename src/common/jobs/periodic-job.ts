import type { Logger } from '@nestjs/common';

/**
 * A background job that runs every `intervalMs` until stopped: the timer does not keep the
 * process alive (unref), a run that is still going when the next tick comes is not started
 * twice, and a failed run is logged and tried again at the next tick. Jobs that must run once
 * across instances take an advisory lock inside `run`; this only keeps one process orderly.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly run: () => Promise<unknown>,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /** Starts ticking; an interval of 0 or less leaves the job off. */
  start(): this {
    if (this.intervalMs <= 0 || this.timer) return this;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Stops ticking and waits for a run in progress, so shutdown does not cut it off. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.run()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`${this.name} skipped: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
  }
}
