/** Entry point of the bare baseline server's own process (see bare-server.ts). */
import { Pool } from 'pg';
import { type BareSql, serveBare } from './bare-server';

async function main(): Promise<void> {
  const sql = JSON.parse(process.env.BENCH_BARE_SQL ?? '') as BareSql;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  const server = await serveBare(pool, sql);
  process.stdout.write(`${server.baseUrl}\n`);
  process.once('SIGTERM', () => {
    void server
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
