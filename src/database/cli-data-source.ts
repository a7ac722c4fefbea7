import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/**
 * The data source file for TypeORM's own CLI commands (used by `npm run migration:generate`,
 * which points DATABASE_URL at the database it prepared). Same options as the app.
 */
const url = loadConfig().database.url;
if (!url) {
  throw new Error('cli-data-source needs DATABASE_URL; use the npm run migration:* scripts');
}
export default new DataSource(dataSourceOptions(url));
