import type { FastifyRequest } from 'fastify';
import { formFields } from './form-input';

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
