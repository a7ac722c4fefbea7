import type { RunningService } from '../../process/service-process';

/** A JSON call to a service started as a process (JSON bodies get their content type). */
export async function api<T>(
  service: RunningService,
  token: string | null,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${service.apiUrl}${path}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body && typeof init.body === 'string' && !init.headers
        ? { 'content-type': 'application/json' }
        : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Signs in as the first admin the service was started with; its bearer token. */
export async function signIn(
  service: RunningService,
  admin: { email: string; password: string },
): Promise<string> {
  const login = await api<{ accessToken: string }>(service, null, '/auth/login', {
    method: 'POST',
    body: JSON.stringify(admin),
  });
  expect(login.status).toBe(200);
  return login.body.accessToken;
}
