import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrationsLocked } from '../src/database/migrate';
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
