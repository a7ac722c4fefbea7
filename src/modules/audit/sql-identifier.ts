/**
 * Table and column names that audit queries inline (so the planner can match the expression
 * indexes on them): plain identifiers only. They come from code, never from a request.
 */
export function sqlIdentifier(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`not an identifier: ${identifier}`);
  return identifier;
}
