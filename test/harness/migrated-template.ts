import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrationsLocked } from '../../src/database/migrate';
import type { ScratchServer } from '../../src/database/scratch-server';

/** A template database with every migration applied, for test files to clone. */
export async function createMigratedTemplate(server: ScratchServer): Promise<string> {
  const template = `twin_park_template_${process.pid}_${Date.now()}`;
  const url = await server.createDatabase(template);
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return template;
}
