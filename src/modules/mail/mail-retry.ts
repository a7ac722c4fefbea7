/** Attempts before a mail is marked failed and left for an admin to resend. */
export const MAX_MAIL_ATTEMPTS = 8;

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60 * 1000;
/** Up to 10% more, so mails that failed together (a server outage) do not retry in lockstep. */
const JITTER = 0.1;

/**
 * How long to wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, ... doubling up
 * to 1 h, plus a little jitter. Seven waits add up to about an hour before the eighth attempt.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return Math.round(base * (1 + JITTER * random()));
}

/** The outcome of one failed attempt: try again later, or give up. */
export function afterFailure(
  attempts: number,
  now: Date,
  random: () => number = Math.random,
): { readonly status: 'pending'; readonly nextAttemptAt: Date } | { readonly status: 'failed' } {
  if (attempts >= MAX_MAIL_ATTEMPTS) return { status: 'failed' };
  return {
    status: 'pending',
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random)),
  };
}
