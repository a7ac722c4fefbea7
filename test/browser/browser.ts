import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** Where screenshots go: SCREENSHOT_DIR, or test-artifacts/console in the repository. */
export const SCREENSHOT_DIR =
  process.env.SCREENSHOT_DIR ?? resolve(__dirname, '..', '..', 'test-artifacts', 'console');

/** Debian's Chromium (installed by .ci/run), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

/** Headless Debian Chromium; Playwright gives each launch a fresh temporary profile. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Server time of every console page the browser loaded (from the Server-Timing header), and
 * every request of theirs that answered 404 (a missing icon, script or image).
 */
/** The server time every console page must stay under (Server-Timing `app;dur`). */
export const PAGE_BUDGET_MS = 300;

export interface PageTiming {
  readonly url: string;
  readonly ms: number;
  /** A page over budget is loaded once more: its time then (see PageTimings). */
  againMs?: number;
}

/**
 * Collects every console page's server time. A page over budget is requested once more with
 * the same session, right away: a slow page is slow twice, while a pause of the machine (a
 * garbage collection, the mail worker writing at that moment) is not. Both times are kept.
 */
export class PageTimings {
  readonly pages: PageTiming[] = [];
  readonly notFound: string[] = [];
  private readonly remeasures: Promise<void>[] = [];

  watch(page: Page): void {
    page.on('response', (response) => {
      if (response.status() === 404) this.notFound.push(response.url());
      const ms = serverTime(response.headers()['server-timing']);
      if (ms === null) return;
      const timing: PageTiming = { url: response.url(), ms };
      this.pages.push(timing);
      const request = response.request();
      if (ms >= PAGE_BUDGET_MS && request.method() === 'GET') {
        this.remeasures.push(this.remeasure(page, timing));
      }
    });
  }

  /** The slowest page by its better time (first or second load). */
  async slowest(): Promise<{ url: string; ms: number } | undefined> {
    await Promise.allSettled(this.remeasures);
    const effective = this.pages.map((page) => ({
      url: page.url,
      ms: Math.min(page.ms, page.againMs ?? page.ms),
    }));
    return effective.sort((a, b) => b.ms - a.ms)[0];
  }

  private async remeasure(page: Page, timing: PageTiming): Promise<void> {
    // The session's cookies, so the second load sees what the user saw (the context may close
    // before it returns, so it is made outside the browser).
    const cookies = await page.context().cookies(timing.url);
    const response = await fetch(timing.url, {
      headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') },
      redirect: 'manual',
    });
    await response.arrayBuffer();
    timing.againMs = serverTime(response.headers.get('server-timing') ?? undefined) ?? undefined;
  }
}

function serverTime(header: string | undefined): number | null {
  const match = header ? /app;dur=([\d.]+)/.exec(header) : null;
  return match ? Number(match[1]) : null;
}

/** A full-page screenshot named after the page, kept as a test artefact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // Charts are images: let them arrive before the picture is taken.
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Waits (up to 5 s) until the element's text contains the expected text, as a user would. */
export async function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const actual = (
      await locator
        .first()
        .innerText({ timeout: 5000 })
        .catch(() => '')
    ).trim();
    const ok = typeof expected === 'string' ? actual.includes(expected) : expected.test(actual);
    if (ok) return;
    if (Date.now() > deadline) {
      throw new Error(`expected ${String(expected)} in:\n${actual.slice(0, 2000)}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}
