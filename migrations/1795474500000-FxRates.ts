import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FX rates: US dollars per unit of a currency on a date, with their source. A project's USD
 * amount uses the latest rate on or before its reference date; the (currency, date) index
 * answers that lookup with one backward index step.
 */
export class FxRates1795474500000 implements MigrationInterface {
  name = 'FxRates1795474500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE registry.fx_rate (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        currency_code character(3) NOT NULL,
        rate_date date NOT NULL,
        usd_per_unit numeric(24,10) NOT NULL,
        source text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fx_rate_pkey PRIMARY KEY (id),
        CONSTRAINT fx_rate_usd_per_unit_check CHECK ("usd_per_unit" > 0),
        CONSTRAINT fx_rate_currency_code_fkey FOREIGN KEY (currency_code)
          REFERENCES registry.currency (code) ON DELETE RESTRICT
      )`);
    await db.query(
      `CREATE UNIQUE INDEX fx_rate_currency_code_rate_date_key ON registry.fx_rate (currency_code, rate_date)`,
    );
    await db.query(`CREATE INDEX fx_rate_rate_date_idx ON registry.fx_rate (rate_date, id)`);
    await db.query(`SELECT audit.enable('registry.fx_rate', 'id')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE registry.fx_rate`);
  }
}
