import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * The optimistic-concurrency write every versioned record uses: apply `changes`, bump `version`
 * and `updated_at`, but only while the row is still at `version` (checked in the UPDATE itself,
 * so of two concurrent writers only one wins). False when the row moved on (412) or is gone.
 */
export async function updateAtVersion<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  version: number,
  changes: object,
): Promise<boolean> {
  const result = await manager
    .getRepository(target)
    .createQueryBuilder()
    .update()
    .set({
      ...changes,
      version: () => 'version + 1',
      updatedAt: () => 'now()',
    } as unknown as QueryDeepPartialEntity<T>)
    .where('id = :id AND version = :version', { id, version })
    .execute();
  return (result.affected ?? 0) > 0;
}
