import Fastify from 'fastify';
import type { Pool } from 'pg';
import type { Repository } from 'typeorm';
import type { ProjectEntity } from '../../src/modules/projects/project.entity';
import { ProjectsRepository } from '../../src/modules/projects/projects.repository';
import { resolve } from 'node:path';
import { spawnNode, stopChild } from './child-processes';

/** One project row as the API's own queries select it (alias `project`). */
interface ProjectRow {
  project_id: string;
  project_park_id: string;
  project_investment_amount: string | null;
  project_investment_currency: string | null;
  project_reference_date: string;
}

export interface BareServer {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * The baseline for the API's reads: a bare Fastify server with a pg pool that runs the same SQL
 * the API runs for a request (the row or page query, then the sectors, investors, money and park
 * codes of its projects, through the API's own repository code on plain pg), and answers the
 * rows as JSON. No Nest, no auth, no validation, no DTO mapping: what the API adds on top is
 * the difference.
 */
export interface BareSql {
  readonly byId: string;
  readonly list: [string, unknown[]];
}

/** The bare server in a process of its own (as the API runs in its own), on `databaseUrl`. */
export function startBareServer(databaseUrl: string, sql: BareSql): Promise<BareServer> {
  const child = spawnNode(resolve(__dirname, 'bare-server-main.ts'), {
    env: { ...process.env, DATABASE_URL: databaseUrl, BENCH_BARE_SQL: JSON.stringify(sql) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /^(http:\/\/\S+)$/m.exec(output);
      if (url)
        resolvePromise({
          baseUrl: url[1],
          close: () => stopChild(child),
        });
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}: ${output}`)));
  });
}

/** The bare server's routes on this pool, listening on a free port of 127.0.0.1. */
export async function serveBare(pool: Pool, sql: BareSql): Promise<BareServer> {
  const direct = new ProjectsRepository({
    query: async (text: string, values?: unknown[]): Promise<unknown[]> =>
      (await pool.query(text, values)).rows as unknown[],
  } as unknown as Repository<ProjectEntity>);
  const details = (rows: ProjectRow[]) => {
    const ids = rows.map((r) => r.project_id);
    return Promise.all([
      direct.sectorsOf(ids),
      direct.investorsOf(ids),
      direct.money(
        rows.map((r) => ({
          key: r.project_id,
          amount: r.project_investment_amount,
          currency: r.project_investment_currency,
          referenceDate: r.project_reference_date,
        })),
      ),
      direct.parkCodes(rows.map((r) => r.project_park_id)),
    ]);
  };
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/projects/:id', async (request, reply) => {
    const rows = (await pool.query<ProjectRow>(sql.byId, [request.params.id])).rows;
    if (rows.length === 0) return reply.code(404).send({ status: 404 });
    const [sectors, investors, money, parks] = await details(rows);
    return { project: rows[0], sectors, investors, money: [...money], parks: [...parks] };
  });
  app.get('/projects', async () => {
    const rows = (await pool.query<ProjectRow>(...sql.list)).rows;
    const [sectors, investors, money, parks] = await details(rows);
    return { items: rows, sectors, investors, money: [...money], parks: [...parks] };
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl, close: () => app.close() };
}
