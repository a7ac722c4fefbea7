import type { EntityManager } from 'typeorm';

/**
 * ISIC codes of `:industry` and all its descendants: their sort keys start with its sort key
 * (C, C24, C241, C2410). For `IN (...)` filters on parks, pairings and projects.
 */
export const INDUSTRY_AND_DESCENDANTS = `SELECT d.code FROM registry.industry d, registry.industry a
  WHERE a.code = :industry AND left(d.sort_key, length(a.sort_key)) = a.sort_key`;

/** The codes among `codes` that are not ISIC Rev.4 codes, in one query. */
export async function unknownIndustryCodes(
  db: Pick<EntityManager, 'query'>,
  codes: readonly string[],
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.query<{ code: string }[]>(
    `SELECT c.code FROM unnest($1::text[]) AS c(code)
     WHERE NOT EXISTS (SELECT 1 FROM registry.industry i WHERE i.code = c.code)`,
    [codes],
  );
  return new Set(rows.map((row) => row.code));
}
