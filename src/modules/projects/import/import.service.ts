import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import {
  AuditedTransactions,
  concurrentWriteConflict,
  type WriteContext,
} from '../../../database/audited-transactions';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { actsForCountry } from '../../auth/country-scope';
import type { InvestorType } from '../../investors/investor-enums';
import { twoDecimals } from '../project-rules';
import { sourcesAfterRow } from './bulk-edit';
import type { ImportError, ImportRow } from './import-format';
import { readImportRows } from './import-reader';
import { importInvalid } from './import.errors';
import {
  ImportRepository,
  type InvestorLinkRow,
  type NewProject,
  type PairingRef,
  type ParkRef,
  type ProjectTarget,
  type ProjectUpdate,
  type SectorLinkRow,
} from './import.repository';

export interface ImportedProject {
  /** Line of the file. */
  readonly row: number;
  readonly id: string;
  readonly ref: string;
  readonly action: 'created' | 'updated';
}

export interface ImportResult {
  readonly dryRun: boolean;
  readonly rows: number;
  /** Rows without a ref: new projects (in a dry run, how many would be created). */
  readonly projectsCreated: number;
  /** Rows with a ref that change their project (in a dry run, would change). */
  readonly projectsUpdated: number;
  /** Rows with a ref whose project already is as the row says: nothing written for them. */
  readonly projectsUnchanged: number;
  /** Investors named in the file but not registered, created from name, country and type. */
  readonly investorsCreated: number;
  /** The projects written, in file order (empty in a dry run). */
  readonly projects: ImportedProject[];
}

/** An update row and the registered project it names. */
interface UpdateRow {
  readonly row: ImportRow;
  readonly target: ProjectTarget;
  readonly version: number;
}

/** One investor of a row: its match key, and its id unless this import creates it. */
interface RowInvestor {
  readonly key: string;
  readonly id: string | null;
}

interface Resolved {
  readonly parks: Map<string, ParkRef>;
  readonly pairings: Map<string, PairingRef>;
  readonly creates: readonly ImportRow[];
  readonly updates: readonly UpdateRow[];
  /** By line of the file: the row's investors, in the row's order. */
  readonly investors: Map<number, RowInvestor[]>;
  readonly newInvestors: readonly { name: string; countryCode: string; type: InvestorType }[];
}

type InvestorIdOf = (row: ImportRow, index: number) => string | null;

/**
 * CSV import of projects, all or nothing. Rows without a ref create projects; rows with ref and
 * version set those projects to the row (a bulk edit made in a spreadsheet). Every row is
 * checked on its own, then all references are resolved with one query per kind, under the
 * rules PATCH applies (country scope of the project and of a new park, live parks and
 * pairings, the pairing containing the park); any problem gives 422 listing line, column and
 * message, and writes nothing. Otherwise the rows go in with one statement per table and kind,
 * in one audited transaction (one request id on every change row). Update rows equal to their
 * project write nothing.
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
    const rows = await readImportRows(source, this.config.imports);
    const resolved = await this.resolve(rows, options.actor);
    if (options.dryRun) {
      const staged = this.stage(resolved, (row, i) => resolved.investors.get(row.row)![i].id);
      const changed = await this.imports.changedProjects(
        null,
        staged.updates,
        staged.sectors,
        staged.investors,
      );
      for (const id of staged.withNewInvestors) changed.add(id);
      return {
        dryRun: true,
        rows: rows.length,
        projectsCreated: resolved.creates.length,
        projectsUpdated: changed.size,
        projectsUnchanged: resolved.updates.length - changed.size,
        investorsCreated: resolved.newInvestors.length,
        projects: [],
      };
    }
    return this.write(rows.length, resolved, options.context);
  }

  /** All references of all rows, one query per kind; every problem reported. */
  private async resolve(rows: readonly ImportRow[], actor: Actor): Promise<Resolved> {
    const unique = <T>(values: T[]) => [...new Set(values)];
    const named = rows.flatMap((row) => row.investors);
    const [
      parks,
      pairings,
      missingIndustries,
      missingCurrencies,
      missingCountries,
      matches,
      targets,
    ] = await Promise.all([
      this.imports.parks(unique(rows.map((r) => r.parkCode))),
      this.imports.pairings(unique(rows.flatMap((r) => (r.pairingCode ? [r.pairingCode] : [])))),
      this.imports.missing('industry', unique(rows.flatMap((r) => r.sectors.map((s) => s.code)))),
      this.imports.missing(
        'currency',
        unique(rows.flatMap((r) => (r.currency ? [r.currency] : []))),
      ),
      this.imports.missing('country', unique(named.map((i) => i.countryCode))),
      this.imports.investors(named),
      this.imports.projectsByRef(unique(rows.flatMap((r) => (r.ref ? [r.ref] : [])))),
    ]);
    const errors: ImportError[] = [];
    const newInvestors = new Map<
      string,
      { name: string; countryCode: string; type: InvestorType }
    >();
    const investors = new Map<number, RowInvestor[]>();
    const creates: ImportRow[] = [];
    const updates: UpdateRow[] = [];
    const lineOfRef = new Map<string, number>();
    let n = 0;
    for (const row of rows) {
      const fail = (column: string, message: string) =>
        errors.push({ row: row.row, column, message });
      const target = row.ref ? this.target(row, targets, lineOfRef, actor, fail) : undefined;
      const park = parks.get(row.parkCode);
      // As PATCH: a park that stays needs no check; a new host park must be live and in scope.
      const newPark = !target || target.parkId !== park?.id;
      if (!park) fail('parkCode', `no park with code ${row.parkCode}`);
      else if (newPark && park.archived) fail('parkCode', `park ${row.parkCode} is archived`);
      else if (newPark && !actsForCountry(actor, park.countryCode)) {
        fail(
          'parkCode',
          target
            ? `you may not move a project to a park in ${park.countryCode}`
            : `you may not log projects hosted in ${park.countryCode}`,
        );
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
      const rowInvestors: RowInvestor[] = [];
      const seen = new Set<string>();
      for (const investor of row.investors) {
        const match = matches[n++];
        const key = `${investor.countryCode}|${match.key}`;
        if (seen.has(key)) fail('investors', `${investor.name} is listed twice`);
        seen.add(key);
        // A live project's investors are live (archiving one it names is refused), so the
        // names an export writes match the same investors again.
        rowInvestors.push({ key, id: match.id });
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
      investors.set(row.row, rowInvestors);
      if (target && row.version !== null) updates.push({ row, target, version: row.version });
      else if (!row.ref) creates.push(row);
    }
    if (errors.length) throw importInvalid(errors);
    return {
      parks,
      pairings,
      creates,
      updates,
      investors,
      newInvestors: [...newInvestors.values()],
    };
  }

  /** The project an update row names, if the actor may set it to the row at that version. */
  private target(
    row: ImportRow,
    targets: ReadonlyMap<string, ProjectTarget>,
    lineOfRef: Map<string, number>,
    actor: Actor,
    fail: (column: string, message: string) => void,
  ): ProjectTarget | undefined {
    const ref = row.ref!;
    const target = targets.get(ref);
    if (!target) {
      fail('ref', `no project with ref ${ref}`);
      return undefined;
    }
    const first = lineOfRef.get(ref);
    if (first !== undefined) {
      fail('ref', `${ref} is also on line ${first}: a project takes one row`);
      return undefined;
    }
    lineOfRef.set(ref, row.row);
    if (target.archived) fail('ref', `project ${ref} is archived; archived records are read-only`);
    else if (!actsForCountry(actor, target.hostCountryCode)) {
      fail('ref', `you may not edit projects hosted in ${target.hostCountryCode}`);
    } else if (target.version !== row.version) {
      fail(
        'version',
        `project ${ref} is at version ${target.version} now: it changed after the file was exported; export it again`,
      );
    }
    return target;
  }

  private async write(
    rowCount: number,
    resolved: Resolved,
    context: WriteContext,
  ): Promise<ImportResult> {
    return this.transactions.run(context, async (manager) => {
      // Locked at the versions the file names, or refused: a concurrent edit since the checks
      // is never overwritten.
      const moved = await this.imports.lockAtVersions(
        manager,
        resolved.updates.map((u) => ({ id: u.target.id, version: u.version })),
      );
      if (moved.size) {
        throw importInvalid(
          resolved.updates
            .filter((u) => moved.has(u.target.id))
            .map((u) => ({
              row: u.row.row,
              column: 'version',
              message: `project ${u.row.ref} changed while the file was being imported (it is at version ${moved.get(u.target.id)} now); export it again`,
            })),
        );
      }
      const created = await this.imports.insertInvestors(manager, resolved.newInvestors);
      const investorId = (row: ImportRow, index: number) => {
        const investor = resolved.investors.get(row.row)![index];
        return investor.id ?? created.get(investor.key)!;
      };
      const inserted = await this.insert(manager, resolved, investorId);
      const updated = await this.update(manager, resolved, investorId);
      return {
        dryRun: false,
        rows: rowCount,
        projectsCreated: inserted.length,
        projectsUpdated: updated.length,
        projectsUnchanged: resolved.updates.length - updated.length,
        investorsCreated: created.size,
        projects: [...inserted, ...updated].sort((a, b) => a.row - b.row),
      };
    });
  }

  /** The create rows: refs reserved per park and year, then one INSERT per table. */
  private async insert(
    manager: EntityManager,
    resolved: Resolved,
    investorId: InvestorIdOf,
  ): Promise<ImportedProject[]> {
    const rows = resolved.creates;
    if (rows.length === 0) return [];
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
    const last = await this.imports.reserveRefs(manager, [...blocks.values()]);
    const next = new Map([...blocks].map(([key, block]) => [key, last.get(key)! - block.count]));
    const projects: NewProject[] = rows.map((row) => {
      const counterKey = `${resolved.parks.get(row.parkCode)!.id}|${yearOf(row)}`;
      const number = next.get(counterKey)! + 1;
      next.set(counterKey, number);
      return {
        ref: `${row.parkCode}-${yearOf(row)}-${String(number).padStart(4, '0')}`,
        ...projectColumns(row, resolved),
        sources: JSON.stringify(row.source ? [row.source] : []),
      };
    });
    const ids = await this.imports.insertProjects(manager, projects);
    const projectId = (index: number) => ids.get(projects[index].ref)!;
    await this.imports.insertSectors(
      manager,
      rows.flatMap((row, i) => sectorLinks(row, projectId(i))),
    );
    await this.imports.insertInvestorLinks(
      manager,
      rows.flatMap((row, i) =>
        row.investors.map((investor, k) => ({
          projectId: projectId(i),
          ...investorLink(investor),
          investorId: investorId(row, k)!,
        })),
      ),
    );
    return rows.map((row, i) => ({
      row: row.row,
      id: projectId(i),
      ref: projects[i].ref,
      action: 'created' as const,
    }));
  }

  /**
   * The update rows that differ from their project, set in one UPDATE ... FROM (version checked
   * in the statement) and one statement per link table; rows equal to their project are left
   * alone, so they bump no version and leave no change row.
   */
  private async update(
    manager: EntityManager,
    resolved: Resolved,
    investorId: InvestorIdOf,
  ): Promise<ImportedProject[]> {
    if (resolved.updates.length === 0) return [];
    const staged = this.stage(resolved, investorId);
    const changed = await this.imports.changedProjects(
      manager,
      staged.updates,
      staged.sectors,
      staged.investors,
    );
    const changes = staged.updates.filter((u) => changed.has(u.id));
    // The rows are locked at these versions, so this holds; were it not to, nothing is written.
    if ((await this.imports.updateProjects(manager, changes)) !== changes.length) {
      throw concurrentWriteConflict();
    }
    const ids = changes.map((u) => u.id);
    await this.imports.replaceSectorsOf(
      manager,
      ids,
      staged.sectors.filter((s) => changed.has(s.projectId)),
    );
    await this.imports.replaceInvestorsOf(
      manager,
      ids,
      staged.investors.filter((i) => changed.has(i.projectId)),
    );
    return resolved.updates
      .filter((u) => changed.has(u.target.id))
      .map((u) => ({ row: u.row.row, id: u.target.id, ref: u.row.ref!, action: 'updated' }));
  }

  /**
   * The update rows in table terms. Derived columns come from the registry (the host country
   * from the park); `withNewInvestors`: projects linked to an investor not created yet (a dry
   * run), which change whatever else they say.
   */
  private stage(resolved: Resolved, investorId: InvestorIdOf) {
    const updates: ProjectUpdate[] = [];
    const sectors: SectorLinkRow[] = [];
    const investors: InvestorLinkRow[] = [];
    const withNewInvestors = new Set<string>();
    for (const { row, target, version } of resolved.updates) {
      updates.push({
        id: target.id,
        version,
        ...projectColumns(row, resolved),
        sources: JSON.stringify(sourcesAfterRow(target.sources, row.source)),
      });
      sectors.push(...sectorLinks(row, target.id));
      row.investors.forEach((investor, k) => {
        const id = investorId(row, k);
        if (id) investors.push({ projectId: target.id, ...investorLink(investor), investorId: id });
        else withNewInvestors.add(target.id);
      });
    }
    return { updates, sectors, investors, withNewInvestors };
  }
}

/** A row's project columns, references resolved (the file's host country is not read). */
function projectColumns(
  row: ImportRow,
  resolved: Pick<Resolved, 'parks' | 'pairings'>,
): Omit<NewProject, 'ref' | 'sources'> {
  const park = resolved.parks.get(row.parkCode)!;
  return {
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
  };
}

function sectorLinks(row: ImportRow, projectId: string): SectorLinkRow[] {
  return row.sectors.map((s) => ({
    projectId,
    code: s.code,
    percentage: twoDecimals(s.percentage),
  }));
}

function investorLink(investor: ImportRow['investors'][number]) {
  return {
    role: investor.role,
    sharePct: investor.sharePct === null ? null : twoDecimals(investor.sharePct),
  };
}
