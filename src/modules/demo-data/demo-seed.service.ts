import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { DocumentsService } from '../documents/documents.service';
import { flattenValidationErrors } from '../../common/validation/validation-pipe';
import type { WriteContext } from '../../database/audited-transactions';
import { systemActor } from '../auth/actor';
import { PutFxRateDto } from '../fx-rates/dto/fx-rate.dto';
import { FxRatesService } from '../fx-rates/fx-rates.service';
import { CreateInvestorDto } from '../investors/dto/investor-input.dto';
import { InvestorsService } from '../investors/investors.service';
import { CreatePairingDto } from '../pairings/dto/pairing-input.dto';
import { PairingsService } from '../pairings/pairings.service';
import { PutPublisherDto } from '../open-data/dto/publisher.dto';
import { PublisherService } from '../open-data/publisher/publisher.service';
import { CreateParkDto } from '../parks/dto/park-input.dto';
import { ParksService } from '../parks/parks.service';
import { CreateProjectDto } from '../projects/dto/project-input.dto';
import { ProjectsService } from '../projects/projects.service';
import { DEMO_DATA_SET, type DemoDataSet, demoBodies } from './demo-data-set';
import { demoSummaryTitle, renderDemoPairingSummary } from './demo-pairing-summary';

export const DEMO_SEED_JOB = 'demo-seed';

/** The demo's publisher of open data (IATI's own agency prefix; "DEMO" says what it is). */
export const DEMO_PUBLISHER = {
  name: 'Twin-park registry demonstration (not an official publisher)',
  nameZh: '两国双园登记系统演示（非官方发布机构）',
  orgId: 'XI-IATI-TWINPARKDEMO',
  orgType: '90',
};

export type DemoRecordKind =
  'fxRates' | 'investors' | 'parks' | 'pairings' | 'projects' | 'documents';
export type DemoSeedCounts = Record<DemoRecordKind, number>;

export interface DemoSeedReport {
  /** Records this run wrote. */
  readonly created: DemoSeedCounts;
  /** Records that were there already (by natural key) and were left as they are. */
  readonly present: DemoSeedCounts;
  /** The request id of this run's audit rows: `GET /audit/changes?requestId=`. */
  readonly requestId: string;
}

/** A demo record the API's own validation refuses: the data set, not the user, is wrong. */
export class DemoDataInvalid extends Error {}

const zero = (): DemoSeedCounts => ({
  fxRates: 0,
  investors: 0,
  parks: 0,
  pairings: 0,
  projects: 0,
  documents: 0,
});

/**
 * Loads the demo data set through the same services the API uses, so validation, project
 * references, USD pricing and the audit trail all apply (actor `system:demo-seed`).
 *
 * Idempotent by natural key, and it never overwrites: an FX rate by currency and date, an
 * investor by the duplicate rule (home country and normalised name), a park or pairing by code,
 * a project by host park and title. What exists (archived included) is left as a user may have
 * edited it, so a second run writes nothing.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fxRates: FxRatesService,
    private readonly investors: InvestorsService,
    private readonly parks: ParksService,
    private readonly pairings: PairingsService,
    private readonly projects: ProjectsService,
    private readonly documents: DocumentsService,
    private readonly publisher: PublisherService,
  ) {}

  /** True when no park, pairing, investor, project or FX rate was ever registered. */
  async registryIsEmpty(): Promise<boolean> {
    const [row] = await this.dataSource.query<{ empty: boolean }[]>(
      `SELECT NOT (EXISTS (SELECT FROM registry.park) OR EXISTS (SELECT FROM registry.pairing)
               OR EXISTS (SELECT FROM registry.investor) OR EXISTS (SELECT FROM registry.project)
               OR EXISTS (SELECT FROM registry.fx_rate)) AS empty`,
    );
    return row.empty;
  }

  /** True when the demo loader has written before (its actor is in the audit trail). */
  async loadedBefore(): Promise<boolean> {
    return this.exists('SELECT FROM audit.change WHERE actor = $1', [`system:${DEMO_SEED_JOB}`]);
  }

  /**
   * One loader at a time, across processes: app instances starting together with
   * DEMO_DATA=true, or `npm run seed:demo` next to a start, queue on an advisory lock instead of
   * racing to create the same parks.
   */
  async seed(data: DemoDataSet = DEMO_DATA_SET): Promise<DemoSeedReport> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query(`SELECT pg_advisory_lock(hashtext('twin-park:demo-seed'))`);
      return await this.load(data);
    } finally {
      await lock
        .query(`SELECT pg_advisory_unlock(hashtext('twin-park:demo-seed'))`)
        .catch(() => {});
      await lock.release();
    }
  }

  private async load(data: DemoDataSet): Promise<DemoSeedReport> {
    const requestId = randomUUID();
    const context: WriteContext = {
      actor: `system:${DEMO_SEED_JOB}`,
      requestId,
      reason: `demo data set as of ${data.about.asOf}: real twin parks from public sources`,
    };
    const actor = systemActor(DEMO_SEED_JOB);
    const created = zero();
    const present = zero();
    const tally = (kind: DemoRecordKind, wrote: boolean) => {
      (wrote ? created : present)[kind] += 1;
    };

    for (const rate of data.fxRates) {
      const exists = await this.exists(
        'SELECT FROM registry.fx_rate WHERE currency_code = $1 AND rate_date = $2',
        [rate.currency, rate.date],
      );
      if (!exists) {
        const body = await this.body(
          PutFxRateDto,
          demoBodies.fxRate(rate),
          `FX rate ${rate.currency} ${rate.date}`,
        );
        await this.fxRates.put(rate.currency, rate.date, body, undefined, context);
      }
      tally('fxRates', !exists);
    }

    const investorIds = new Map<string, string>();
    for (const investor of data.investors) {
      const body = await this.body(
        CreateInvestorDto,
        demoBodies.investor(investor),
        `investor ${investor.key}`,
      );
      const { id, wrote } = await this.investors.create(body, context).then(
        (response) => ({ id: response.id, wrote: true }),
        (error: unknown) => ({ id: existingInvestorId(error), wrote: false }),
      );
      investorIds.set(investor.key, id);
      tally('investors', wrote);
    }

    const parkIds = await this.idsByCode(
      'park',
      data.parks.map((park) => park.code),
    );
    for (const park of data.parks) {
      const wrote = !parkIds.has(park.code);
      if (wrote) {
        const body = await this.body(CreateParkDto, demoBodies.park(park), `park ${park.code}`);
        parkIds.set(park.code, (await this.parks.create(body, actor, context)).id);
      }
      tally('parks', wrote);
    }

    const parkId = (code: string) => lookUp(parkIds, code, 'park');
    const pairingIds = await this.idsByCode(
      'pairing',
      data.pairings.map((pairing) => pairing.code),
    );
    for (const pairing of data.pairings) {
      const wrote = !pairingIds.has(pairing.code);
      if (wrote) {
        const plain = demoBodies.pairing(pairing, parkId);
        const body = await this.body(CreatePairingDto, plain, `pairing ${pairing.code}`);
        pairingIds.set(pairing.code, (await this.pairings.create(body, actor, context)).id);
      }
      tally('pairings', wrote);
    }

    // Each pairing's generated one-page summary, so its Documents section is not empty. Left
    // alone when attached by an earlier run, archived by a user included (the loader's rule).
    for (const pairing of data.pairings) {
      const pairingId = lookUp(pairingIds, pairing.code, 'pairing');
      const bytes = await renderDemoPairingSummary(data, pairing);
      const exists = await this.exists(
        'SELECT FROM registry.document WHERE pairing_id = $1 AND sha256 = $2',
        [pairingId, createHash('sha256').update(bytes).digest('hex')],
      );
      if (!exists) {
        await this.documents.attachBytes(
          await this.documents.requireOwner('pairing', pairingId),
          { bytes, fileName: `${pairing.code}-demo-summary.pdf`, mediaType: 'application/pdf' },
          {
            title: demoSummaryTitle(pairing),
            category: 'A06',
            language: 'en',
            visibility: 'internal',
          },
          context,
        );
      }
      tally('documents', !exists);
    }

    for (const project of data.projects) {
      const plain = demoBodies.project(project, {
        park: parkId,
        pairing: (code) => lookUp(pairingIds, code, 'pairing'),
        investor: (key) => lookUp(investorIds, key, 'investor'),
      });
      const exists = await this.exists(
        'SELECT FROM registry.project WHERE park_id = $1 AND title = $2',
        [plain.parkId, project.title],
      );
      if (!exists) {
        const body = await this.body(CreateProjectDto, plain, `project "${project.title}"`);
        await this.projects.create(body, actor, context);
      }
      tally('projects', !exists);
    }
    // A publisher, so an approved demo pairing publishes at once; clearly not a real reporting
    // organisation, and an admin's own setting is never replaced.
    if (!(await this.exists('SELECT FROM registry.publisher', []))) {
      const body = await this.body(PutPublisherDto, DEMO_PUBLISHER, 'publisher');
      await this.publisher.put(body, undefined, context);
    }
    return { created, present, requestId };
  }

  /** The API's body validation (unknown fields refused), applied to a demo record. */
  private async body<T extends object>(
    type: ClassConstructor<T>,
    plain: object,
    what: string,
  ): Promise<T> {
    const dto = plainToInstance(type, plain);
    const errors = flattenValidationErrors(
      await validate(dto, {
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
      }),
    );
    if (errors.length) {
      const problems = errors.map((error) => `${error.path}: ${error.message}`).join('; ');
      throw new DemoDataInvalid(`demo ${what} is invalid: ${problems}`);
    }
    return dto;
  }

  private async exists(sql: string, params: unknown[]): Promise<boolean> {
    const [row] = await this.dataSource.query<{ found: boolean }[]>(
      `SELECT EXISTS (${sql}) AS found`,
      params,
    );
    return row.found;
  }

  private async idsByCode(
    table: 'park' | 'pairing',
    codes: string[],
  ): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ id: string; code: string }[]>(
      `SELECT id, code FROM registry.${table} WHERE code = ANY($1)`,
      [codes],
    );
    return new Map(rows.map((row) => [row.code, row.id]));
  }
}

/** An investor the duplicate rule says exists already: its id, from the 409 the service gives. */
function existingInvestorId(error: unknown): string {
  const existingId =
    error instanceof DomainError && error.code === 'INVESTOR_DUPLICATE'
      ? error.options.extensions?.existingId
      : null;
  if (typeof existingId !== 'string') throw error;
  return existingId;
}

function lookUp(ids: ReadonlyMap<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (!id)
    throw new DemoDataInvalid(`the demo data set names ${what} ${key}, which it does not hold`);
  return id;
}
