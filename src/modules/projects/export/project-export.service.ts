import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REPORTS_DATA_SOURCE } from '../../../database/reports-data-source';
import { once } from 'node:events';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { stream } from 'exceljs';
import type { DataSource } from 'typeorm';
import { spreadsheetSafe } from '../../../common/csv/spreadsheet-safe';
import { aboutLines, addAboutSheet } from '../../../common/spreadsheet/about-sheet';
import { PairingEntity } from '../../pairings/pairing.entity';
import { ParkEntity } from '../../parks/park.entity';
import { EXPORT_COLUMNS } from '../import/import-format';
import { type ProjectFilter, ProjectsRepository } from '../projects.repository';

/** A decimal without trailing zeros: 60.00 -> 60, 33.50 -> 33.5 (as the import reads them). */
const TRIM = (sql: string) => `rtrim(rtrim(${sql}::text, '0'), '.')`;

/**
 * Projects as CSV in the import's columns (ref and version first, so the file re-imported
 * updates those projects), then the derived hostCountryCode, amountUsd and fxRateDate, which
 * the import ignores. Cells a spreadsheet would run as formulas get a leading apostrophe, which
 * the import removes again. Rows come from a
 * server-side cursor (pg-query-stream) on one pooled connection and flow through the CSV
 * writer with backpressure: a slow client slows the cursor, and memory stays flat whatever the
 * row count. The connection goes back to the pool when the stream ends, fails or is abandoned.
 */
@Injectable()
export class ProjectExportService {
  constructor(
    @InjectDataSource(REPORTS_DATA_SOURCE) private readonly db: DataSource,
    private readonly projects: ProjectsRepository,
  ) {}

  /** The export's SQL: the filtered list query, selecting the export's columns in ref order. */
  query(filter: ProjectFilter): [string, unknown[]] {
    return this.projects
      .listQuery(filter)
      .select([])
      .leftJoin(ParkEntity, 'park', 'park.id = project.park_id')
      .leftJoin(PairingEntity, 'pairing', 'pairing.id = project.pairing_id')
      .addSelect('project.ref', 'ref')
      .addSelect('project.version', 'version')
      .addSelect('park.code', 'parkCode')
      .addSelect('pairing.code', 'pairingCode')
      .addSelect('project.title', 'title')
      .addSelect('project.description', 'description')
      .addSelect('project.note', 'note')
      .addSelect('project.type', 'type')
      .addSelect('project.stage', 'stage')
      .addSelect('project.announced_on::text', 'announcedOn')
      .addSelect('project.signed_on::text', 'signedOn')
      .addSelect('project.construction_start_on::text', 'constructionStartOn')
      .addSelect('project.operational_on::text', 'operationalOn')
      .addSelect('project.investment_amount::text', 'amount')
      .addSelect('project.investment_currency', 'currency')
      .addSelect('project.jobs_planned', 'jobsPlanned')
      .addSelect('project.jobs_actual', 'jobsActual')
      .addSelect('project.estimated', 'estimated')
      .addSelect(
        `(SELECT string_agg(ps.industry_code || ':' || ${TRIM('ps.percentage')}, ';' ORDER BY ps.percentage DESC, ps.industry_code)
          FROM registry.project_sector ps WHERE ps.project_id = project.id)`,
        'sectors',
      )
      .addSelect(
        // An empty share keeps its place (name|country|role||type), as the import reads it.
        `(SELECT string_agg(concat_ws('|', i.name, i.country_code, pi.role, coalesce(${TRIM('pi.share_pct')}, ''), i.type), ';' ORDER BY pi.role, i.name)
          FROM registry.project_investor pi JOIN registry.investor i ON i.id = pi.investor_id
          WHERE pi.project_id = project.id)`,
        'investors',
      )
      .addSelect(`project.sources -> 0 ->> 'url'`, 'sourceUrl')
      .addSelect(`project.sources -> 0 ->> 'title'`, 'sourceTitle')
      .addSelect('project.host_country_code', 'hostCountryCode')
      .addSelect('project.amount_usd::text', 'amountUsd')
      .addSelect('project.usd_rate_date::text', 'fxRateDate')
      .orderBy('project.ref')
      .getQueryAndParameters();
  }

  async csv(filter: ProjectFilter): Promise<Readable> {
    const { rows, release } = await this.cursor(...this.query(filter));
    const toRecord = new Transform({
      objectMode: true,
      transform(row: Record<string, unknown>, _encoding, done) {
        done(
          null,
          COLUMNS.map((column) => textCell(row[column])),
        );
      },
    });
    const out = new PassThrough();
    out.on('close', release);
    pipeline(
      rows,
      toRecord,
      stringify({ header: true, columns: COLUMNS, bom: true, record_delimiter: '\r\n' }),
      out,
    )
      .catch((error: unknown) => out.destroy(error as Error))
      .finally(release);
    return out;
  }

  /**
   * The same rows as an XLSX workbook, written row by row by exceljs's streaming writer: the
   * cursor is read only as fast as the zip output drains. Amounts, jobs and versions are numeric
   * cells. An "About" sheet, as the reports have, follows with the filters, the time, the FX
   * rule and how many projects have no USD amount (counted on the way).
   */
  async xlsx(filter: ProjectFilter): Promise<Readable> {
    const generatedAt = new Date().toISOString();
    const { rows, release } = await this.cursor(...this.query(filter));
    const out = new PassThrough();
    out.on('close', release);
    const workbook = new stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('Projects', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((column) => ({ header: column, key: column, width: 18 }));
    sheet.getRow(1).font = { bold: true };
    let withoutUsd = 0;
    const write = async () => {
      for await (const row of rows as AsyncIterable<Record<string, unknown>>) {
        if (row.amountUsd === null) withoutUsd += 1;
        sheet
          .addRow(
            COLUMNS.map((column) =>
              NUMERIC.has(column) && row[column] !== null
                ? Number(row[column])
                : textCell(row[column]),
            ),
          )
          .commit();
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
      addAboutSheet(
        workbook,
        aboutLines(
          'Investment projects',
          {
            filters: appliedFilters(filter),
            generatedAt,
            fxRule: FX_RULE,
            projectsWithoutUsd: withoutUsd,
          },
          CAVEATS,
        ),
      ).commit();
      await workbook.commit();
    };
    write()
      .catch((error: unknown) => out.destroy(error as Error))
      .finally(release);
    return out;
  }

  /** A server-side cursor over the export query, on a connection of its own. */
  private async cursor(
    sql: string,
    parameters: unknown[],
  ): Promise<{ rows: Readable; release: () => void }> {
    const runner = this.db.createQueryRunner('slave');
    // A big export outlives DB_STATEMENT_TIMEOUT_MS by design (it moves at the client's pace),
    // so this one connection runs without it, and gets the default back before it is returned.
    await runner.query('SET statement_timeout = 0');
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      runner
        .query('RESET statement_timeout')
        .catch(() => undefined)
        .finally(() => void runner.release());
    };
    const rows = (await runner.stream(sql, parameters)) as unknown as Readable;
    return { rows, release };
  }
}

const COLUMNS = EXPORT_COLUMNS;
const NUMERIC = new Set(['version', 'amount', 'jobsPlanned', 'jobsActual', 'amountUsd']);

const FX_RULE =
  "amountUsd is the amount in US dollars at the latest rate of its currency on or before the project's reference date (signed, else announced, else created), and fxRateDate that rate's date; amounts in US dollars are taken as they are. Without an amount or a rate both are empty.";

const CAVEATS =
  'Figures are as registered by investment officers; estimated figures are flagged in the estimated column. Saved as CSV, the Projects sheet is an import file: rows keep their ref and version, so importing it updates those projects (hostCountryCode, amountUsd and fxRateDate are read from the registry, not from the file).';

const FILTER_KEYS = [
  'country',
  'park',
  'pairing',
  'industry',
  'stage',
  'type',
  'investor',
  'investorCountry',
  'from',
  'to',
  'minUsd',
  'maxUsd',
  'q',
  'includeArchived',
] as const satisfies readonly (keyof ProjectFilter)[];

/** The list filters the export applied, for the About sheet. */
function appliedFilters(filter: ProjectFilter): Record<string, string> {
  return Object.fromEntries(
    FILTER_KEYS.filter((key) => filter[key] !== undefined).map((key) => [key, String(filter[key])]),
  );
}

function textCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return spreadsheetSafe(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
