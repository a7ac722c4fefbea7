import type { TestApp, TestResponse } from '../harness/test-app';

interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

/** Follows `nextCursor` until the end; returns every item and how many pages it took. */
export async function collectPages<T>(
  t: TestApp,
  url: string,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const response: TestResponse<PageBody<T>> = await t.get<PageBody<T>>(
      cursor ? `${url}${separator}cursor=${encodeURIComponent(cursor)}` : url,
    );
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    pages += 1;
  } while (cursor && pages < 1000);
  return { items, pages };
}
