/**
 * Seeding for the benchmarks: parks, investors and FX rates by SQL, then projects with their
 * sectors and investors by COPY. In the throw-away database only, the seeded tables' triggers
 * are off during the COPY; the derived USD amounts are filled in the way the trigger would.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { elapsedMs } from './measure';

const COUNTRIES = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'TL', 'CN'];
const CURRENCY: Record<string, string> = { MY: 'MYR', CN: 'CNY', ID: 'IDR', TH: 'THB', VN: 'VND' };
const STAGES = [
  'pipeline',
  'signed',
  'under_construction',
  'operational',
  'suspended',
  'cancelled',
];
const TYPES = ['greenfield', 'expansion', 'joint_venture', 'brownfield', 'm_and_a'];

export async function copyInto(
  client: PoolClient,
  sql: string,
  lines: Iterable<string>,
): Promise<void> {
  function* chunks() {
    let buffer = '';
    for (const line of lines) {
      buffer += `${line}\n`;
      if (buffer.length > 1 << 16) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}

export interface Seed {
  parks: { id: string; code: string; country: string }[];
  investors: { id: string; name: string; country: string }[];
  industries: string[];
}

export async function seedProjects(pool: Pool, count: number): Promise<Seed> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.actor', 'system:bench', true)`);
    const parks = (
      await client.query<{ id: string; code: string; country: string }>(
        `INSERT INTO registry.park (code, name, country_code, zone_type, status)
         SELECT c || '-P' || g, 'Park ' || g || ' of ' || c, c, 'industrial_park', 'operational'
         FROM unnest($1::text[]) c, generate_series(1, 10) g
         RETURNING id, code, country_code AS country`,
        [COUNTRIES],
      )
    ).rows;
    const investors = (
      await client.query<{ id: string; name: string; country: string }>(
        `INSERT INTO registry.investor (name, country_code, type)
         SELECT 'Investor ' || g || ' ' || c, c, 'private'
         FROM unnest($1::text[]) c, generate_series(1, 100) g
         RETURNING id, name, country_code AS country`,
        [COUNTRIES],
      )
    ).rows;
    await client.query(
      `INSERT INTO registry.fx_rate (currency_code, rate_date, usd_per_unit, source)
       SELECT cur, make_date(y, 1, 1), 0.1 + (y - 2000) * 0.001, 'bench'
       FROM unnest($1::text[]) cur, generate_series(2000, 2026) y`,
      [Object.values(CURRENCY)],
    );
    await client.query('COMMIT');
    const industries = (
      await client.query<{ code: string }>(
        `SELECT code FROM registry.industry WHERE level = 'class'`,
      )
    ).rows.map((r) => r.code);

    // Bulk rows by COPY, with the seeded tables' user triggers off in this scratch database.
    for (const table of ['project', 'project_sector', 'project_investor']) {
      await client.query(`ALTER TABLE registry.${table} DISABLE TRIGGER USER`);
    }
    const ids: string[] = [];
    function* projects() {
      for (let i = 0; i < count; i++) {
        const park = parks[i % parks.length];
        const year = 2005 + (i % 20);
        const id = randomUUID();
        ids.push(id);
        const currency = CURRENCY[park.country] ?? 'USD';
        const date = `${year}-0${1 + (i % 9)}-1${i % 10}`;
        yield [
          id,
          `${park.code}-${year}-${String(i).padStart(7, '0')}`,
          `Project ${i} in ${park.code}`,
          park.id,
          park.country,
          TYPES[i % TYPES.length],
          STAGES[(i >> 3) % STAGES.length],
          date,
          date,
          `${(i % 997) * 1000000 + 0.5}`,
          currency,
          String(i % 3000),
        ].join('\t');
      }
    }
    const seeded = await elapsedMs(() =>
      copyInto(
        client,
        `COPY registry.project (id, ref, title, park_id, host_country_code, type, stage, announced_on, reference_date,
           investment_amount, investment_currency, jobs_planned) FROM STDIN`,
        projects(),
      ),
    );
    await copyInto(
      client,
      `COPY registry.project_sector (project_id, industry_code, percentage) FROM STDIN`,
      (function* () {
        for (let i = 0; i < ids.length; i++)
          yield `${ids[i]}\t${industries[i % industries.length]}\t100`;
      })(),
    );
    await copyInto(
      client,
      `COPY registry.project_investor (project_id, investor_id, role) FROM STDIN`,
      (function* () {
        for (let i = 0; i < ids.length; i++)
          yield `${ids[i]}\t${investors[(i * 7) % investors.length].id}\tlead`;
      })(),
    );
    // What the project trigger would have stored: the USD amount at the applicable rate (US
    // dollars as they are).
    await client.query(`
      UPDATE registry.project p SET (amount_usd, usd_rate_date) = (
        SELECT round(p.investment_amount * r.usd_per_unit, 2), r.rate_date FROM registry.fx_rate r
        WHERE r.currency_code = p.investment_currency AND r.rate_date <= p.reference_date
        ORDER BY r.rate_date DESC LIMIT 1)
      WHERE p.investment_currency <> 'USD'`);
    await client.query(
      `UPDATE registry.project SET amount_usd = investment_amount WHERE investment_currency = 'USD'`,
    );
    for (const table of ['project', 'project_sector', 'project_investor']) {
      await client.query(`ALTER TABLE registry.${table} ENABLE TRIGGER USER`);
      await client.query(`VACUUM ANALYZE registry.${table}`);
    }
    console.log(
      `  seeded ${count.toLocaleString('en')} projects by COPY in ${(seeded / 1000).toFixed(1)} s`,
    );
    return { parks, investors, industries };
  } finally {
    client.release();
  }
}
