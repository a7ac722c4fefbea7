import type { MigrationInterface, QueryRunner } from 'typeorm';
import { actAsMigration } from './migration-actor';

const AUDIT_TRIGGERS = ['audit_insert', 'audit_update', 'audit_delete', 'audit_no_truncate'];

/**
 * USD amounts stored with each project, so `minUsd`/`maxUsd` (and reports) use an index instead
 * of pricing every row per query. The rule stays the same and stays in the database:
 * - the project row trigger prices the row on every write (latest rate of its currency on or
 *   before its reference date);
 * - a rate trigger re-prices the projects whose rate it changes: those of the currency with a
 *   reference date from the rate's date up to the next rate.
 * The two columns are derived bookkeeping: the audit trigger ignores them, so a new rate does
 * not write a change row for every project it re-prices (the rate's own change row says why).
 */
export class ProjectUsdAmounts1795475500000 implements MigrationInterface {
  name = 'ProjectUsdAmounts1795475500000';

  async up(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(
      `ALTER TABLE registry.project ADD COLUMN amount_usd numeric(20,2), ADD COLUMN usd_rate_date date`,
    );
    await db.query(`CREATE INDEX project_amount_usd_idx ON registry.project (amount_usd, id)`);
    for (const trigger of AUDIT_TRIGGERS)
      await db.query(`DROP TRIGGER ${trigger} ON registry.project`);
    await db.query(
      `SELECT audit.enable('registry.project', 'id', '{}', '{amount_usd,usd_rate_date}')`,
    );

    await db.query(`
      CREATE OR REPLACE FUNCTION registry.project_reference_date() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.reference_date := coalesce(NEW.signed_on, NEW.announced_on, (NEW.created_at AT TIME ZONE 'UTC')::date);
        -- No rate (or no amount): both stay NULL, never 0.
        SELECT round(NEW.investment_amount * r.usd_per_unit, 2), r.rate_date
          INTO NEW.amount_usd, NEW.usd_rate_date
          FROM registry.fx_rate r
          WHERE r.currency_code = NEW.investment_currency AND r.rate_date <= NEW.reference_date
          ORDER BY r.rate_date DESC LIMIT 1;
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE FUNCTION registry.fx_rate_reprice() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_currency character(3) := coalesce(NEW.currency_code, OLD.currency_code);
        v_from date := least(coalesce(NEW.rate_date, OLD.rate_date), coalesce(OLD.rate_date, NEW.rate_date));
        v_after date := greatest(coalesce(NEW.rate_date, OLD.rate_date), coalesce(OLD.rate_date, NEW.rate_date));
      BEGIN
        -- Touching the rows makes the project trigger price them again.
        UPDATE registry.project SET investment_amount = investment_amount
        WHERE investment_currency = v_currency AND reference_date >= v_from
          AND reference_date < coalesce(
            (SELECT min(rate_date) FROM registry.fx_rate WHERE currency_code = v_currency AND rate_date > v_after),
            'infinity'::date);
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER fx_rate_reprice AFTER INSERT OR UPDATE OR DELETE ON registry.fx_rate
      FOR EACH ROW EXECUTE FUNCTION registry.fx_rate_reprice()`);
    await db.query(
      `UPDATE registry.project SET investment_amount = investment_amount WHERE investment_amount IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER fx_rate_reprice ON registry.fx_rate`);
    await db.query(`DROP FUNCTION registry.fx_rate_reprice()`);
    await db.query(`
      CREATE OR REPLACE FUNCTION registry.project_reference_date() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.reference_date := coalesce(NEW.signed_on, NEW.announced_on, (NEW.created_at AT TIME ZONE 'UTC')::date);
        RETURN NEW;
      END
      $$`);
    for (const trigger of AUDIT_TRIGGERS)
      await db.query(`DROP TRIGGER ${trigger} ON registry.project`);
    await db.query(`SELECT audit.enable('registry.project', 'id')`);
    await db.query(`DROP INDEX registry.project_amount_usd_idx`);
    await db.query(
      `ALTER TABLE registry.project DROP COLUMN amount_usd, DROP COLUMN usd_rate_date`,
    );
  }
}
