import type { Role } from '../../src/modules/users/roles';
import type { TestApp, TestResponse } from '../harness/test-app';
import { TEST_PASSWORD } from '../harness/test-app';
import { type FilePart, multipartBody } from './multipart';

/**
 * A browser in miniature for console tests over app.inject: keeps cookies, asks for HTML, and
 * sends forms with the page's CSRF token, as a browser would.
 */
export class ConsoleClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly t: TestApp) {}

  async get(url: string): Promise<TestResponse<string>> {
    return this.send('GET', url);
  }

  /** Posts a form, taking the CSRF token from the page it was on (unless one is given). */
  async post(
    url: string,
    fields: Record<string, string | string[]>,
    options: { from?: string; csrf?: string | null } = {},
  ): Promise<TestResponse<string>> {
    let token = options.csrf;
    if (token === undefined) token = csrfTokenOf((await this.get(options.from ?? url)).text);
    const body = new URLSearchParams();
    if (token !== null) body.append('_csrf', token);
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    return this.send('POST', url, body.toString());
  }

  /**
   * Posts a multipart form as a browser does: the page's CSRF token first, then the fields in
   * order, then the files.
   */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    files: readonly FilePart[],
    options: { from?: string; csrf?: string | null } = {},
  ): Promise<TestResponse<string>> {
    let token = options.csrf;
    if (token === undefined) token = csrfTokenOf((await this.get(options.from ?? url)).text);
    const body = await multipartBody(
      { ...(token !== null ? { _csrf: token } : {}), ...fields },
      files,
    );
    return this.send('POST', url, body.payload, body.headers['content-type']);
  }

  async signIn(email: string, password = TEST_PASSWORD): Promise<TestResponse<string>> {
    return this.post('/sign-in', { email, password, next: '/' }, { from: '/sign-in' });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private async send(
    method: 'GET' | 'POST',
    url: string,
    payload?: string | Buffer,
    contentType = 'application/x-www-form-urlencoded',
  ) {
    const response = await this.t.request<string>({
      method,
      url,
      payload,
      headers: {
        accept: 'text/html,application/xhtml+xml',
        ...(payload !== undefined ? { 'content-type': contentType } : {}),
        ...(this.cookies.size > 0
          ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
          : {}),
      },
    });
    const setCookie = response.headers['set-cookie'];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return response;
  }
}

export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

/** A console client signed in as a new user of this role (officers and reviewers: a country). */
export async function consoleAs(
  t: TestApp,
  role: Role,
  countryCode: string | null = null,
): Promise<ConsoleClient> {
  const user = await t.signIn(role, countryCode);
  const browser = new ConsoleClient(t);
  const response = await browser.signIn(user.user.email);
  if (response.status !== 303) throw new Error(`console sign-in failed: ${response.status}`);
  return browser;
}

/** Record ids by code (parks, pairings), as the demo data set loaded them. */
export async function idsByCode(
  t: TestApp,
  path: '/parks' | '/pairings',
): Promise<Record<string, string>> {
  const admin = await t.signIn('admin');
  const page = await t.get<{ items: { id: string; code: string }[] }>(
    `/api/v1${path}?limit=100`,
    admin.auth,
  );
  return Object.fromEntries(page.body.items.map((record) => [record.code, record.id]));
}
