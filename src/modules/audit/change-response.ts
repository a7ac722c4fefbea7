import type { ChangeRow } from './audit.repository';
import type { ChangeDto } from './dto/change.dto';

/** Column names in the API's camelCase: `name_zh` -> `nameZh`. */
export function camelCase(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function camelImage(image: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!image) return null;
  return Object.fromEntries(Object.entries(image).map(([key, value]) => [camelCase(key), value]));
}

export function toChangeDto(row: ChangeRow): ChangeDto {
  return {
    id: row.id,
    table: row.table_name,
    entityId: row.row_id,
    op: row.op,
    actor: row.actor,
    requestId: row.request_id,
    reason: row.reason,
    at: new Date(row.at).toISOString(),
    txId: row.tx_id,
    changed: row.changed.map(camelCase),
    before: camelImage(row.before),
    after: camelImage(row.after),
  };
}
