import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreements are often signed before they are announced, and site work may start before the
 * final signature: the database keeps only the order that cannot happen (operation before
 * construction started). Rows written under the old rule satisfy the new one.
 */
export class ProjectDateOrder1795478500000 implements MigrationInterface {
  name = 'ProjectDateOrder1795478500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE registry.project DROP CONSTRAINT project_dates_check`);
    await db.query(
      `ALTER TABLE registry.project ADD CONSTRAINT project_dates_check
         CHECK ("operational_on" >= "construction_start_on")`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    // Refuses to go back while a row relies on the new freedom, instead of losing it.
    await db.query(`ALTER TABLE registry.project DROP CONSTRAINT project_dates_check`);
    await db.query(
      `ALTER TABLE registry.project ADD CONSTRAINT project_dates_check
         CHECK ("signed_on" >= "announced_on" AND "construction_start_on" >= coalesce("signed_on", "announced_on") AND "operational_on" >= "construction_start_on")`,
    );
  }
}
