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

/**
 * After a write that changed a record's links (sectors, parks, industries, a review decision)
 * but none of its own fields: bump its version anyway, so that concurrent editors see the
 * change. A no-op update keeps the version (the keep_version_on_noop trigger); this says, for
 * one statement, that this one is not a no-op. Matching on the version read before the write
 * makes it a no-op when the record's own update already bumped it.
 */
export async function bumpVersionForLinks<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  versionBefore: number,
): Promise<void> {
  const table = manager.getRepository(target).metadata.tablePath;
  await manager.query(`SELECT set_config('app.version_bump', 'force', true)`);
  await manager.query(
    `UPDATE ${table} SET version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
    [id, versionBefore],
  );
  await manager.query(`SELECT set_config('app.version_bump', '', true)`);
}
