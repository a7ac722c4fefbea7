import type { MigrationInterface, QueryRunner } from 'typeorm';
import { actAsMigration } from './migration-actor';

const TABLES = ['park', 'pairing', 'investor', 'project'];

/**
 * Sourced records need room for what the sources leave open: a `note` on parks, pairings,
 * investors and projects says where sources disagree, which figure was kept and what is not
 * known. A park's status may itself be unknown (no source states it), so it becomes nullable
 * rather than guessed. The audit triggers capture whole rows, so the new column is audited as is.
 */
export class SourceNotes1795476000000 implements MigrationInterface {
  name = 'SourceNotes1795476000000';

  async up(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    for (const table of TABLES) {
      await db.query(`ALTER TABLE registry.${table} ADD COLUMN note text`);
    }
    await db.query(`ALTER TABLE registry.park ALTER COLUMN status DROP NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    // A park whose status nobody knows cannot go back to a NOT NULL column: refuse, not guess.
    await db.query(`ALTER TABLE registry.park ALTER COLUMN status SET NOT NULL`);
    for (const table of TABLES) {
      await db.query(`ALTER TABLE registry.${table} DROP COLUMN note`);
    }
  }
}
