import type { MigrationInterface, QueryRunner } from 'typeorm';
import { actAsMigration } from './migration-actor';

const PRICE_FROM_RATE = `
        SELECT round(NEW.investment_amount * r.usd_per_unit, 2), r.rate_date
          INTO NEW.amount_usd, NEW.usd_rate_date
          FROM registry.fx_rate r
          WHERE r.currency_code = NEW.investment_currency AND r.rate_date <= NEW.reference_date
          ORDER BY r.rate_date DESC LIMIT 1;`;

/**
 * An amount in US dollars is its own USD amount: it needs no rate, and a "USD rate" (anything but
 * 1) would be an error, so the table refuses one. Before this, USD projects had no USD amount
 * unless someone entered a rate of 1 for every date. `usd_rate_date` stays NULL for them: no
 * rate was used.
 */
export class UsdNeedsNoRate1795476500000 implements MigrationInterface {
  name = 'UsdNeedsNoRate1795476500000';

  async up(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(
      `ALTER TABLE registry.fx_rate ADD CONSTRAINT fx_rate_not_usd_check CHECK (currency_code <> 'USD')`,
    );
    await db.query(this.pricing(true));
    // Amount columns are ignored by the audit trigger: re-pricing writes no change rows.
    await db.query(
      `UPDATE registry.project SET investment_amount = investment_amount WHERE investment_currency = 'USD'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await actAsMigration(db, this);
    await db.query(this.pricing(false));
    await db.query(
      `UPDATE registry.project SET investment_amount = investment_amount WHERE investment_currency = 'USD'`,
    );
    await db.query(`ALTER TABLE registry.fx_rate DROP CONSTRAINT fx_rate_not_usd_check`);
  }

  private pricing(usdIsItsOwnAmount: boolean): string {
    const usd = usdIsItsOwnAmount
      ? `
        IF NEW.investment_currency = 'USD' THEN
          NEW.amount_usd := round(NEW.investment_amount, 2);
          NEW.usd_rate_date := NULL;
          RETURN NEW;
        END IF;`
      : '';
    return `
      CREATE OR REPLACE FUNCTION registry.project_reference_date() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.reference_date := coalesce(NEW.signed_on, NEW.announced_on, (NEW.created_at AT TIME ZONE 'UTC')::date);
        NEW.amount_usd := NULL;
        NEW.usd_rate_date := NULL;${usd}
        -- No rate (or no amount): both stay NULL, never 0.${PRICE_FROM_RATE}
        RETURN NEW;
      END
      $$`;
  }
}
