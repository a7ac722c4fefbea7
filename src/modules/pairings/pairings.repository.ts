import { rowsTouched } from '../../database/rows-touched';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import {
  keysetPage,
  type Page,
  type PageRequest,
  type SortSpec,
} from '../../common/pagination/keyset';
import type { Decision, PairingStatus, ReviewState } from './pairing-enums';
import { PairingReviewEntity } from './pairing-links.entity';
import { geoCondition } from '../geography/geo-filter';
import { PairingEntity } from './pairing.entity';
import { bumpVersionForLinks, updateAtVersion } from '../../database/update-at-version';
import { INDUSTRY_AND_DESCENDANTS, unknownIndustryCodes } from '../industries/industry-sql';

export interface PairingFilter {
  readonly country?: string;
  readonly park?: string;
  readonly industry?: string;
  readonly reviewState?: ReviewState;
  readonly status?: PairingStatus;
  readonly includeArchived?: boolean;
  readonly bbox?: string;
  readonly near?: string;
  readonly within?: number;
}

export type PairingValues = Pick<
  PairingEntity,
  | 'code'
  | 'name'
  | 'nameZh'
  | 'description'
  | 'note'
  | 'agreementSignedOn'
  | 'launchedOn'
  | 'status'
  | 'sources'
>;

export type PairingChanges = Partial<
  PairingValues &
    Pick<PairingEntity, 'reviewState' | 'reviewRound' | 'submittedBy'> & {
      submittedAt: () => string;
      archivedAt: () => string;
    }
>;

/** A park on a side: the park and its country. */
export interface SidePark {
  readonly parkId: string;
  readonly countryCode: string;
}

/** The park of a pairing with what a response shows of it. */
export interface PairingParkRow {
  readonly pairingId: string;
  readonly parkId: string;
  readonly countryCode: string;
  readonly code: string;
  readonly name: string;
}

export interface PairingIndustryRow {
  readonly pairingId: string;
  readonly code: string;
  readonly title: string;
  readonly level: string;
}

const SORTS: SortSpec<PairingEntity> = {
  keys: {
    code: { sql: 'pairing.code', value: (p) => p.code },
    name: { sql: 'pairing.name', value: (p) => p.name },
  },
  tieBreaker: { sql: 'pairing.id', value: (p) => p.id },
  defaultSort: 'code',
};

@Injectable()
export class PairingsRepository {
  constructor(
    @InjectRepository(PairingEntity) private readonly pairings: Repository<PairingEntity>,
    @InjectRepository(PairingReviewEntity)
    private readonly reviews: Repository<PairingReviewEntity>,
  ) {}

  findById(id: string, manager?: EntityManager): Promise<PairingEntity | null> {
    return (manager?.getRepository(PairingEntity) ?? this.pairings).findOneBy({ id });
  }

  async findIdByCode(code: string): Promise<string | null> {
    return (await this.pairings.findOne({ where: { code }, select: { id: true } }))?.id ?? null;
  }

  async hasLiveProjects(pairingId: string): Promise<boolean> {
    const rows = await this.pairings.query<{ live: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM registry.project WHERE pairing_id = $1 AND archived_at IS NULL) AS live`,
      [pairingId],
    );
    return rows[0]?.live === true;
  }

  /** Locks the pairing row until the transaction ends: workflow steps run one at a time. */
  lock(manager: EntityManager, id: string): Promise<PairingEntity | null> {
    return manager
      .getRepository(PairingEntity)
      .createQueryBuilder('pairing')
      .where('pairing.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Parks of the given pairings with their code and name, in one query. */
  parksOf(ids: readonly string[], manager?: EntityManager): Promise<PairingParkRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return (manager ?? this.pairings.manager).query<PairingParkRow[]>(
      `SELECT pp.pairing_id AS "pairingId", pp.park_id AS "parkId", pp.country_code AS "countryCode",
              p.code, p.name
       FROM registry.pairing_park pp JOIN registry.park p ON p.id = pp.park_id
       WHERE pp.pairing_id = ANY($1::uuid[])
       ORDER BY pp.country_code, p.code`,
      [ids],
    );
  }

  industriesOf(ids: readonly string[], manager?: EntityManager): Promise<PairingIndustryRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return (manager ?? this.pairings.manager).query<PairingIndustryRow[]>(
      `SELECT pi.pairing_id AS "pairingId", i.code, i.title, i.level
       FROM registry.pairing_industry pi JOIN registry.industry i ON i.code = pi.industry_code
       WHERE pi.pairing_id = ANY($1::uuid[])
       ORDER BY i.sort_key`,
      [ids],
    );
  }

  /** Title and level of industries read back from the audit log (as-of reads). */
  async industryTitles(codes: readonly string[]): Promise<PairingIndustryRow[]> {
    if (codes.length === 0) return [];
    return this.pairings.query<PairingIndustryRow[]>(
      `SELECT '' AS "pairingId", code, title, level FROM registry.industry
       WHERE code = ANY($1::text[]) ORDER BY sort_key`,
      [codes],
    );
  }

  /** Code and name of parks read back from the audit log (as-of reads). */
  async parkNames(ids: readonly string[]): Promise<Map<string, { code: string; name: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.pairings.query<{ id: string; code: string; name: string }[]>(
      `SELECT id, code, name FROM registry.park WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The given parks that exist, with their country and whether they are archived. */
  async parks(
    ids: readonly string[],
  ): Promise<Map<string, { countryCode: string; archived: boolean }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.pairings.query<
      { id: string; country_code: string; archived: boolean }[]
    >(
      `SELECT id, country_code, archived_at IS NOT NULL AS archived
       FROM registry.park WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { countryCode: r.country_code, archived: r.archived }]));
  }

  unknownIndustries(codes: readonly string[]): Promise<Set<string>> {
    return unknownIndustryCodes(this.pairings.manager, codes);
  }

  /** This round's decisions by side country. */
  async decisions(
    manager: EntityManager,
    pairingId: string,
    round: number,
  ): Promise<Map<string, Decision>> {
    const rows = await manager.getRepository(PairingReviewEntity).findBy({ pairingId, round });
    return new Map(rows.map((row) => [row.countryCode, row.decision]));
  }

  reviewsOf(pairingId: string): Promise<PairingReviewEntity[]> {
    return this.reviews.find({ where: { pairingId }, order: { round: 'ASC', decidedAt: 'ASC' } });
  }

  /** Who submitted each round, and when, from the audit log of the pairing row. */
  submissions(pairingId: string): Promise<{ round: number; actor: string; at: Date }[]> {
    return this.pairings.query(
      `SELECT (after ->> 'review_round')::int AS round, actor, at
       FROM audit.change
       WHERE table_name = 'pairing' AND row_id = $1 AND 'review_round' = ANY(changed)
       ORDER BY id`,
      [pairingId],
    );
  }

  listPage(filter: PairingFilter, page: PageRequest): Promise<Page<PairingEntity>> {
    const query = this.pairings.createQueryBuilder('pairing');
    if (!filter.includeArchived) query.andWhere('pairing.archived_at IS NULL');
    if (filter.country) {
      query.andWhere(
        'pairing.id IN (SELECT pp.pairing_id FROM registry.pairing_park pp WHERE pp.country_code = :country)',
        { country: filter.country },
      );
    }
    if (filter.park) {
      query.andWhere(
        'pairing.id IN (SELECT pp.pairing_id FROM registry.pairing_park pp WHERE pp.park_id = :park)',
        { park: filter.park },
      );
    }
    if (filter.industry) {
      query.andWhere(
        `pairing.id IN (
           SELECT pi.pairing_id FROM registry.pairing_industry pi
           WHERE pi.industry_code IN (
             ${INDUSTRY_AND_DESCENDANTS}))`,
        { industry: filter.industry },
      );
    }
    if (filter.reviewState) {
      query.andWhere('pairing.review_state = :reviewState', { reviewState: filter.reviewState });
    }
    if (filter.status) query.andWhere('pairing.status = :status', { status: filter.status });
    // Any of its parks is in the place asked for.
    const located = geoCondition('k.location', filter);
    if (located) {
      query.andWhere(
        `pairing.id IN (SELECT pp.pairing_id FROM registry.pairing_park pp
                        JOIN registry.park k ON k.id = pp.park_id WHERE ${located.sql})`,
        located.params,
      );
    }
    return keysetPage(query, SORTS, page);
  }

  async insert(manager: EntityManager, values: PairingValues): Promise<string> {
    const { identifiers } = await manager
      .getRepository(PairingEntity)
      .createQueryBuilder()
      .insert()
      .values(values)
      .returning('id')
      .execute();
    return String(identifiers[0]?.id);
  }

  updateAtVersion(
    manager: EntityManager,
    id: string,
    version: number,
    changes: PairingChanges,
  ): Promise<boolean> {
    return updateAtVersion(manager, PairingEntity, id, version, changes);
  }

  /** Bumps the version after a change to the links alone (see bumpVersionForLinks). */
  bumpVersionForLinks(manager: EntityManager, id: string, versionBefore: number): Promise<void> {
    return bumpVersionForLinks(manager, PairingEntity, id, versionBefore);
  }

  /** Makes the pairing's parks exactly `parks`, touching only what differs (audit-friendly). */
  async replaceParks(
    manager: EntityManager,
    pairingId: string,
    parks: readonly SidePark[],
  ): Promise<boolean> {
    const removed = await rowsTouched(
      manager,
      `DELETE FROM registry.pairing_park WHERE pairing_id = $1 AND park_id <> ALL($2::uuid[])`,
      [pairingId, parks.map((p) => p.parkId)],
    );
    const added = await rowsTouched(
      manager,
      `INSERT INTO registry.pairing_park (pairing_id, park_id, country_code)
       SELECT $1, p.park_id, p.country_code
       FROM unnest($2::uuid[], $3::char(2)[]) AS p(park_id, country_code)
       ON CONFLICT (pairing_id, park_id) DO NOTHING
       RETURNING 1`,
      [pairingId, parks.map((p) => p.parkId), parks.map((p) => p.countryCode)],
    );
    return removed + added > 0;
  }

  async replaceIndustries(
    manager: EntityManager,
    pairingId: string,
    codes: readonly string[],
  ): Promise<boolean> {
    const removed = await rowsTouched(
      manager,
      `DELETE FROM registry.pairing_industry WHERE pairing_id = $1 AND industry_code <> ALL($2::text[])`,
      [pairingId, codes],
    );
    const added = await rowsTouched(
      manager,
      `INSERT INTO registry.pairing_industry (pairing_id, industry_code)
       SELECT $1, code FROM unnest($2::text[]) AS c(code)
       ON CONFLICT (pairing_id, industry_code) DO NOTHING
       RETURNING 1`,
      [pairingId, codes],
    );
    return removed + added > 0;
  }

  async insertReview(
    manager: EntityManager,
    review: Pick<
      PairingReviewEntity,
      'pairingId' | 'round' | 'countryCode' | 'decision' | 'comment' | 'reviewerId'
    >,
  ): Promise<void> {
    await manager.getRepository(PairingReviewEntity).insert(review);
  }
}
