import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidInput } from '../errors/domain-error';
import { type CursorValue, decodeCursor, encodeCursor } from './cursor';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One sortable key: a SQL expression over non-null columns, and how to read it off a row. */
export interface SortKey<Row> {
  readonly sql: string;
  readonly value: (row: Row) => CursorValue;
}

/**
 * A list's sort allowlist. Every sort is completed by a unique tie-breaker (the primary key) so
 * that keyset pagination is total: no row is skipped or repeated between pages.
 */
export interface SortSpec<Row> {
  readonly keys: Readonly<Record<string, SortKey<Row>>>;
  readonly tieBreaker: SortKey<Row>;
  readonly defaultSort: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
  readonly sort?: string;
}

/** The values `?sort=` accepts for a spec: each key ascending and, with `-`, descending. */
export function sortOptions(keys: readonly string[]): string[] {
  return keys.flatMap((key) => [key, `-${key}`]);
}

/**
 * Applies ORDER BY, the keyset condition for the cursor and LIMIT to a query that yields one row
 * per entity, then builds the page. Page N costs the same as page 1: the cursor becomes a
 * row-value comparison that an index on (sort key, id) answers directly.
 */
export async function keysetPage<Row extends ObjectLiteral>(
  query: SelectQueryBuilder<Row>,
  spec: SortSpec<Row>,
  request: PageRequest,
): Promise<Page<Row>> {
  const sort = request.sort ?? spec.defaultSort;
  const descending = sort.startsWith('-');
  const key = spec.keys[descending ? sort.slice(1) : sort];
  if (!key) {
    throw invalidInput([
      { path: 'sort', message: `must be one of ${sortOptions(Object.keys(spec.keys)).join(', ')}` },
    ]);
  }
  const direction = descending ? 'DESC' : 'ASC';
  query.orderBy(key.sql, direction).addOrderBy(spec.tieBreaker.sql, direction);
  if (request.cursor) {
    const [after, afterId] = decodeCursor(request.cursor, sort, 2);
    query.andWhere(
      `(${key.sql}, ${spec.tieBreaker.sql}) ${descending ? '<' : '>'} (:keysetAfter, :keysetAfterId)`,
      { keysetAfter: after, keysetAfterId: afterId },
    );
  }
  const rows = await query.limit(request.limit + 1).getMany();
  const items = rows.slice(0, request.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > request.limit && last
        ? encodeCursor(sort, [key.value(last), spec.tieBreaker.value(last)])
        : null,
  };
}
