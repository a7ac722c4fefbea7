import { Inject, Injectable } from '@nestjs/common';
import { type Readable, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { DomainError } from '../../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AuditedTransactions, type WriteContext } from '../../../database/audited-transactions';
import type { Actor } from '../../auth/actor';
import type { InvestorType } from '../../investors/investor-enums';
import { twoDecimals } from '../project-rules';
import { headerErrors, type ImportError, type ImportRow, parseImportRow } from './import-format';
import { ImportRepository, type NewProject } from './import.repository';

/** Errors listed in one 422 (the count says how many there were in all). */
const MAX_LISTED_ERRORS = 1000;

export interface ImportResult {
  readonly dryRun: boolean;
  readonly rows: number;
  readonly projectsCreated: number;
  /** Investors named in the file but not registered, created from name, country and type. */
  readonly investorsCreated: number;
  readonly projects: { row: number; id: string; ref: string }[];
}

const tooLarge = (what: string) =>
  new DomainError('payload_too_large', 'IMPORT_TOO_LARGE', `The import is too large: ${what}.`);

const invalid = (errors: readonly ImportError[]) =>
  new DomainError(
    'rule_violated',
    'IMPORT_INVALID',
    `${errors.length} problem(s) in the file; nothing was written. Fix them and send the whole file again.`,
    { extensions: { errorCount: errors.length, errors: errors.slice(0, MAX_LISTED_ERRORS) } },
  );

/**
 * CSV import of projects, all or nothing: the file is parsed as it streams in (size and row
 * limits enforced on the way), every row is checked on its own, then all references are
 * resolved with one query per kind; any problem gives 422 listing line, column and message, and
 * writes nothing. Otherwise every row goes in with one statement per table, in one audited
 * transaction (one request id on every change row).
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly imports: ImportRepository,
    private readonly transactions: AuditedTransactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(
    source: Readable,
    options: { dryRun: boolean; actor: Actor; context: WriteContext },
  ): Promise<ImportResult> {
    const rows = await this.parse(source);
    const resolved = await this.resolve(rows, options.actor);
    if (options.dryRun) {
      return {
        dryRun: true,
        rows: rows.length,
        projectsCreated: 0,
        investorsCreated: resolved.newInvestors.length,
        projects: [],
      };
    }
    return this.write(rows, resolved, options.context);
  }

  private async parse(source: Readable): Promise<ImportRow[]> {
    const { maxBytes, maxRows } = this.config.imports;
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(bytes > maxBytes ? tooLarge(`over ${maxBytes} bytes`) : null, chunk);
      },
    });
    let header: ImportError[] = [];
    const parser = parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      columns: (names: string[]) => {
        header = headerErrors(names);
        return names;
      },
    });
    source.on('error', (error) => limit.destroy(error));
    limit.on('error', (error) => parser.destroy(error));
    const rows: ImportRow[] = [];
    const errors: ImportError[] = [];
    try {
      let line = 1;
      for await (const record of source.pipe(limit).pipe(parser) as AsyncIterable<
        Record<string, string>
      >) {
        if (header.length) throw invalid(header);
        line += 1;
        if (line - 1 > maxRows) throw tooLarge(`over ${maxRows} rows`);
        const parsed = parseImportRow(record, line);
        if (parsed.row) rows.push(parsed.row);
        errors.push(...parsed.errors);
      }
    } catch (error) {
      if (error instanceof CsvError) {
        throw invalid([
          {
            row: Number(error.lines ?? 0),
            column: null,
            message: `not valid CSV: ${error.message}`,
          },
        ]);
      }
      throw error;
    } finally {
      source.resume();
    }
    if (header.length) throw invalid(header);
    if (errors.length) throw invalid(errors);
    if (rows.length === 0)
      throw invalid([{ row: 2, column: null, message: 'the file has no project rows' }]);
    return rows;
  }

  /** All references of all rows, one query per kind; every problem reported. */
  private async resolve(rows: readonly ImportRow[], actor: Actor) {
    const unique = <T>(values: T[]) => [...new Set(values)];
    const named = rows.flatMap((row) => row.investors);
    const [parks, pairings, missingIndustries, missingCurrencies, missingCountries, matches] =
      await Promise.all([
        this.imports.parks(unique(rows.map((r) => r.parkCode))),
        this.imports.pairings(unique(rows.flatMap((r) => (r.pairingCode ? [r.pairingCode] : [])))),
        this.imports.missing('industry', unique(rows.flatMap((r) => r.sectors.map((s) => s.code)))),
        this.imports.missing(
          'currency',
          unique(rows.flatMap((r) => (r.currency ? [r.currency] : []))),
        ),
        this.imports.missing('country', unique(named.map((i) => i.countryCode))),
        this.imports.investors(named),
      ]);
    const errors: ImportError[] = [];
    const newInvestors = new Map<
      string,
      { name: string; countryCode: string; type: InvestorType }
    >();
    const investorKeys: string[] = [];
    let n = 0;
    for (const row of rows) {
      const fail = (column: string, message: string) =>
        errors.push({ row: row.row, column, message });
      const park = parks.get(row.parkCode);
      if (!park) fail('parkCode', `no park with code ${row.parkCode}`);
      else if (park.archived) fail('parkCode', `park ${row.parkCode} is archived`);
      else if (actor.role !== 'admin' && actor.countryCode !== park.countryCode) {
        fail('parkCode', `you may not log projects hosted in ${park.countryCode}`);
      }
      if (row.pairingCode) {
        const pairing = pairings.get(row.pairingCode);
        if (!pairing) fail('pairingCode', `no pairing with code ${row.pairingCode}`);
        else if (pairing.archived) fail('pairingCode', `pairing ${row.pairingCode} is archived`);
        else if (park && !pairing.parkIds.includes(park.id)) {
          fail('pairingCode', `pairing ${row.pairingCode} does not contain park ${row.parkCode}`);
        }
      }
      for (const sector of row.sectors) {
        if (missingIndustries.has(sector.code))
          fail('sectors', `${sector.code} is not an ISIC Rev.4 code`);
      }
      if (row.currency && missingCurrencies.has(row.currency)) {
        fail('currency', `${row.currency} is not an ISO 4217 currency`);
      }
      const seen = new Set<string>();
      for (const investor of row.investors) {
        const match = matches[n++];
        const key = `${investor.countryCode}|${match.key}`;
        investorKeys.push(key);
        if (seen.has(key)) fail('investors', `${investor.name} is listed twice`);
        seen.add(key);
        if (match.id) continue;
        if (missingCountries.has(investor.countryCode)) {
          fail('investors', `${investor.name}: ${investor.countryCode} is not a country`);
        } else if (!investor.type) {
          fail(
            'investors',
            `${investor.name} (${investor.countryCode}) is not registered; add its type (…|type) to create it`,
          );
        } else if (!newInvestors.has(key)) {
          newInvestors.set(key, {
            name: investor.name,
            countryCode: investor.countryCode,
            type: investor.type,
          });
        }
      }
    }
    if (errors.length) throw invalid(errors);
    const known = new Map(
      named.map((_, i) => [investorKeys[i], matches[i].id]).filter(([, id]) => id) as [
        string,
        string,
      ][],
    );
    return { parks, pairings, known, investorKeys, newInvestors: [...newInvestors.values()] };
  }

  private async write(
    rows: readonly ImportRow[],
    resolved: Awaited<ReturnType<ImportService['resolve']>>,
    context: WriteContext,
  ): Promise<ImportResult> {
    const today = new Date().toISOString();
    const yearOf = (row: ImportRow) =>
      Number((row.signedOn ?? row.announcedOn ?? today).slice(0, 4));
    const blocks = new Map<string, { parkId: string; year: number; count: number }>();
    for (const row of rows) {
      const parkId = resolved.parks.get(row.parkCode)!.id;
      const key = `${parkId}|${yearOf(row)}`;
      const block = blocks.get(key) ?? { parkId, year: yearOf(row), count: 0 };
      block.count += 1;
      blocks.set(key, block);
    }
    return this.transactions.run(context, async (manager) => {
      const created = await this.imports.insertInvestors(manager, resolved.newInvestors);
      const investorId = (key: string) => resolved.known.get(key) ?? created.get(key)!;
      const last = await this.imports.reserveRefs(manager, [...blocks.values()]);
      const next = new Map([...blocks].map(([key, block]) => [key, last.get(key)! - block.count]));
      const projects: (NewProject & { row: number })[] = rows.map((row) => {
        const park = resolved.parks.get(row.parkCode)!;
        const counterKey = `${park.id}|${yearOf(row)}`;
        const number = next.get(counterKey)! + 1;
        next.set(counterKey, number);
        return {
          row: row.row,
          ref: `${row.parkCode}-${yearOf(row)}-${String(number).padStart(4, '0')}`,
          title: row.title,
          description: row.description,
          note: row.note,
          parkId: park.id,
          hostCountryCode: park.countryCode,
          pairingId: row.pairingCode ? resolved.pairings.get(row.pairingCode)!.id : null,
          type: row.type,
          stage: row.stage,
          announcedOn: row.announcedOn,
          signedOn: row.signedOn,
          constructionStartOn: row.constructionStartOn,
          operationalOn: row.operationalOn,
          amount: row.amount,
          currency: row.currency,
          jobsPlanned: row.jobsPlanned,
          jobsActual: row.jobsActual,
          estimated: row.estimated,
          sources: JSON.stringify(row.source ? [row.source] : []),
        };
      });
      const ids = await this.imports.insertProjects(manager, projects);
      const projectId = (index: number) => ids.get(projects[index].ref)!;
      await this.imports.insertSectors(
        manager,
        rows.flatMap((row, i) =>
          row.sectors.map((s) => ({
            projectId: projectId(i),
            code: s.code,
            percentage: twoDecimals(s.percentage),
          })),
        ),
      );
      let k = 0;
      await this.imports.insertInvestorLinks(
        manager,
        rows.flatMap((row, i) =>
          row.investors.map((investor) => ({
            projectId: projectId(i),
            investorId: investorId(resolved.investorKeys[k++]),
            role: investor.role,
            sharePct: investor.sharePct === null ? null : twoDecimals(investor.sharePct),
          })),
        ),
      );
      return {
        dryRun: false,
        rows: rows.length,
        projectsCreated: projects.length,
        investorsCreated: created.size,
        projects: projects.map((p, i) => ({ row: p.row, id: projectId(i), ref: p.ref })),
      };
    });
  }
}
