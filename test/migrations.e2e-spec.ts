import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrationsLocked } from '../src/database/migrate';
import { RecordHistory } from '../src/modules/audit/record-history';
import type { ParkEntity } from '../src/modules/parks/park.entity';
import { createTestDatabase, type TestDatabase } from './harness/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('revert completely with their down() and apply again to the same data', async () => {
    const dataSource = new DataSource(dataSourceOptions(db.url));
    await dataSource.initialize();
    try {
      for (let i = 0; i < dataSource.migrations.length; i += 1) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
      const [{ exists }] = await db.query<{ exists: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = 'registry') AS exists`,
      );
      expect(exists).toBe(false);
      const [infra] = await db.query(
        `SELECT 1 FROM information_schema.schemata WHERE schema_name = 'infra'`,
      );
      expect(infra).toBeUndefined();
      await runMigrationsLocked(dataSource);
    } finally {
      await dataSource.destroy();
    }
    const counts = await db.query<{ countries: number; industries: number; currencies: number }>(
      `SELECT (SELECT count(*)::int FROM registry.country) AS countries,
              (SELECT count(*)::int FROM registry.industry) AS industries,
              (SELECT count(*)::int FROM registry.currency) AS currencies`,
    );
    expect(counts[0]).toEqual({ countries: 249, industries: 766, currencies: 179 });
  });

  it('move parks’ lat and lon into the point, and as-of reads from before still find it', async () => {
    const fresh = await createTestDatabase();
    const dataSource = new DataSource(dataSourceOptions(fresh.url));
    await dataSource.initialize();
    try {
      const back = dataSource.migrations.findIndex((m) => m.name === 'Geography1795481000000');
      for (let i = dataSource.migrations.length; i > back; i -= 1) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
      await fresh.query(
        `BEGIN;
         SELECT set_config('app.actor', 'system:test', true);
         INSERT INTO registry.park (code, name, country_code, zone_type, lat, lon)
           VALUES ('MY-OLD', 'Old park', 'MY', 'industrial_park', 3.8077, 103.326);
         COMMIT;`,
      );
      const [park] = await fresh.query<{ id: string }>(
        `SELECT id FROM registry.park WHERE code = 'MY-OLD'`,
      );
      const before = new Date(Date.now() + 1000).toISOString();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await runMigrationsLocked(dataSource);
      const [now] = await fresh.query<{ lon: number; lat: number }>(
        `SELECT location[0] AS lon, location[1] AS lat FROM registry.park WHERE code = 'MY-OLD'`,
      );
      expect(now).toEqual({ lon: 103.326, lat: 3.8077 });
      const then = await new RecordHistory(dataSource).asOf<ParkEntity>(
        'ParkEntity',
        park.id,
        before,
      );
      expect(then?.location).toEqual({ lon: 103.326, lat: 3.8077 });
    } finally {
      await dataSource.destroy();
      await fresh.drop();
    }
  });

  it('apply once when several instances start together (advisory lock)', async () => {
    const fresh = await createTestDatabase();
    try {
      // An empty database: drop what the template brought, then race three runners.
      await fresh.query(
        `DROP SCHEMA audit CASCADE; DROP SCHEMA registry CASCADE; DROP SCHEMA infra CASCADE;
         DROP TABLE migrations`,
      );
      const sources = [1, 2, 3].map(() => new DataSource(dataSourceOptions(fresh.url)));
      await Promise.all(sources.map((s) => s.initialize()));
      try {
        const applied = await Promise.all(sources.map((s) => runMigrationsLocked(s)));
        expect(applied.map((a) => a.length).sort()).toEqual([0, 0, sources[0].migrations.length]);
      } finally {
        await Promise.all(sources.map((s) => s.destroy()));
      }
      const [{ count }] = await fresh.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM migrations`,
      );
      expect(count).toBe(MIGRATIONS.length);
    } finally {
      await fresh.drop();
    }
  });
});
