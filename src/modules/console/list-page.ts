import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderPage } from './console-view';
import { formFields, validateAs } from './form-input';

/** The filters of a list page as typed (blank ones dropped), and the link to its next page. */
export function listState(
  request: FastifyRequest,
  nextCursor: string | null,
): { filters: Record<string, string>; nextHref: string | null; firstHref: string | null } {
  const fields = formFields(request.query);
  const filters: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name !== 'cursor' && name !== 'flash')
      filters[name] = Array.isArray(value) ? value[0] : value;
  }
  const path = request.url.split('?')[0];
  const link = (extra: Record<string, string>): string => {
    const query = new URLSearchParams({ ...filters, ...extra }).toString();
    return query ? `${path}?${query}` : path;
  };
  return {
    filters,
    nextHref: nextCursor ? link({ cursor: nextCursor }) : null,
    firstHref: 'cursor' in fields ? link({}) : null,
  };
}

/** Query parameters for the API's list DTO: the typed filters plus the cursor. */
export function listInput(request: FastifyRequest): Record<string, string> {
  const fields = formFields(request.query);
  const input: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name !== 'flash') input[name] = Array.isArray(value) ? value[0] : value;
  }
  return input;
}

/**
 * A list page: the query string checked by the API's own list DTO, one page from the service,
 * and the filters and next-page link; a bad filter shows the list empty with the field named.
 */
export async function renderListPage<Q extends object, T>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    readonly query: new () => Q;
    readonly list: (query: Q) => Promise<{ items: T[]; nextCursor: string | null }>;
    readonly view: string;
    /** The name the template knows the rows by, e.g. `parks`. */
    readonly itemsAs: string;
    readonly data?: Record<string, unknown>;
  },
): Promise<void> {
  const query = await validateAs(options.query, listInput(request));
  const page = query.value ? await options.list(query.value) : { items: [], nextCursor: null };
  await renderPage(
    request,
    reply,
    options.view,
    {
      ...options.data,
      [options.itemsAs]: page.items,
      ...listState(request, page.nextCursor),
      errors: query.errors ?? {},
    },
    query.errors ? 400 : 200,
  );
}
