import type { EntityManager } from 'typeorm';

/**
 * Runs a DELETE, UPDATE or INSERT ... RETURNING and says how many rows it touched. TypeORM's
 * pg driver answers a DELETE or UPDATE with [rows, rowCount] and an INSERT with its returned
 * rows, so an INSERT must say RETURNING to be counted. Link writers use it to tell whether a
 * record's links changed at all (a no-op must not bump the record's version).
 */
export async function rowsTouched(
  manager: EntityManager,
  sql: string,
  parameters: readonly unknown[],
): Promise<number> {
  const result: unknown = await manager.query(sql, [...parameters]);
  if (Array.isArray(result) && result.length === 2 && typeof result[1] === 'number') {
    return result[1];
  }
  return Array.isArray(result) ? result.length : 0;
}
