import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Source } from '../../common/sources/source';
import { VersionedEntity } from '../../database/versioned-entity';
import { CountryEntity } from '../countries/country.entity';
import { CurrencyEntity } from '../countries/currency.entity';
import { PairingEntity } from '../pairings/pairing.entity';
import { ParkEntity } from '../parks/park.entity';
import {
  EXACTNESSES,
  type Exactness,
  type GeoPoint,
  POINT_COLUMN,
  PRECISIONS,
  type Precision,
  WORLD_BOX,
} from '../geography/geo-point';
import {
  PROJECT_STAGES,
  PROJECT_TYPES,
  type ProjectStage,
  type ProjectType,
} from './project-enums';

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

@Entity({ schema: 'registry', name: 'project' })
@Check('project_type_check', `"type" IN (${quoted(PROJECT_TYPES)})`)
@Check('project_stage_check', `"stage" IN (${quoted(PROJECT_STAGES)})`)
@Check(
  'project_investment_check',
  `("investment_amount" IS NULL) = ("investment_currency" IS NULL) AND "investment_amount" >= 0`,
)
@Check('project_jobs_check', `"jobs_planned" >= 0 AND "jobs_actual" >= 0`)
// Only the order that cannot happen; project-rules.ts says why the others are free.
@Check('project_dates_check', `"operational_on" >= "construction_start_on"`)
@Check('project_location_check', `"location" <@ ${WORLD_BOX}`)
@Check('project_location_exactness_check', `"location_exactness" IN (${quoted(EXACTNESSES)})`)
@Check('project_location_precision_check', `"location_precision" IN (${quoted(PRECISIONS)})`)
@Check(
  'project_location_details_check',
  `"location" IS NOT NULL OR ("location_exactness" IS NULL AND "location_precision" IS NULL AND "location_subdivision_code" IS NULL AND "location_source" IS NULL)`,
)
@Check(
  'project_location_subdivision_check',
  `"location_subdivision_code" IS NULL OR left("location_subdivision_code", 2) = "host_country_code"`,
)
@Index('project_park_id_idx', ['parkId', 'ref'])
@Index('project_host_country_code_idx', ['hostCountryCode', 'ref'])
@Index('project_pairing_id_idx', ['pairingId', 'ref'])
@Index('project_stage_idx', ['stage', 'ref'])
@Index('project_type_idx', ['type', 'ref'])
@Index('project_reference_date_idx', ['referenceDate', 'id'])
@Index('project_title_idx', ['title', 'id'])
@Index('project_amount_usd_idx', ['amountUsd', 'id'])
// The trigram search index is an expression index, declared in the migration only.
@Index('project_search_idx', { synchronize: false })
export class ProjectEntity extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'project_pkey' })
  id!: string;

  /** Public reference, e.g. `MY-MCKIP-2013-0001`; never changes. */
  @Index('project_ref_key', { unique: true })
  @Column({ type: 'text', name: 'ref' })
  ref!: string;

  @Column({ type: 'text', name: 'title' })
  title!: string;

  @Column({ type: 'text', name: 'description', nullable: true })
  description!: string | null;

  @Column({ type: 'text', name: 'note', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid', name: 'park_id' })
  parkId!: string;

  @ManyToOne(() => ParkEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'park_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'project_park_id_fkey',
  })
  park?: ParkEntity;

  /** The host park's country. */
  @Column({ type: 'char', length: 2, name: 'host_country_code' })
  hostCountryCode!: string;

  @ManyToOne(() => CountryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'host_country_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'project_host_country_code_fkey',
  })
  hostCountry?: CountryEntity;

  @Column({ type: 'uuid', name: 'pairing_id', nullable: true })
  pairingId!: string | null;

  @ManyToOne(() => PairingEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'pairing_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'project_pairing_id_fkey',
  })
  pairing?: PairingEntity;

  @Column({ type: 'text', name: 'type' })
  type!: ProjectType;

  @Column({ type: 'text', name: 'stage' })
  stage!: ProjectStage;

  @Column({ type: 'date', name: 'announced_on', nullable: true })
  announcedOn!: string | null;

  @Column({ type: 'date', name: 'signed_on', nullable: true })
  signedOn!: string | null;

  @Column({ type: 'date', name: 'construction_start_on', nullable: true })
  constructionStartOn!: string | null;

  @Column({ type: 'date', name: 'operational_on', nullable: true })
  operationalOn!: string | null;

  /** Signed, else announced, else created (UTC); kept by a database trigger. */
  @Column({ type: 'date', name: 'reference_date', insert: false, update: false })
  referenceDate!: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, name: 'investment_amount', nullable: true })
  investmentAmount!: string | null;

  @Column({ type: 'char', length: 3, name: 'investment_currency', nullable: true })
  investmentCurrency!: string | null;

  @ManyToOne(() => CurrencyEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'investment_currency',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'project_investment_currency_fkey',
  })
  currency?: CurrencyEntity;

  /** USD at the latest rate on or before the reference date; kept by database triggers. */
  @Column({
    type: 'numeric',
    precision: 20,
    scale: 2,
    name: 'amount_usd',
    nullable: true,
    insert: false,
    update: false,
  })
  amountUsd!: string | null;

  /** The date of the rate behind `amountUsd`. */
  @Column({ type: 'date', name: 'usd_rate_date', nullable: true, insert: false, update: false })
  usdRateDate!: string | null;

  @Column({ type: 'integer', name: 'jobs_planned', nullable: true })
  jobsPlanned!: number | null;

  @Column({ type: 'integer', name: 'jobs_actual', nullable: true })
  jobsActual!: number | null;

  /** The figures are estimates. */
  @Column({ type: 'boolean', name: 'estimated', default: false })
  estimated!: boolean;

  /** The project's own point; null when it is located at its park. */
  @Index('project_location_idx', { spatial: true })
  @Column({ type: 'point', name: 'location', nullable: true, transformer: POINT_COLUMN })
  location!: GeoPoint | null;

  @Column({ type: 'text', name: 'location_exactness', nullable: true })
  locationExactness!: Exactness | null;

  @Column({ type: 'text', name: 'location_precision', nullable: true })
  locationPrecision!: Precision | null;

  @Column({ type: 'text', name: 'location_subdivision_code', nullable: true })
  locationSubdivisionCode!: string | null;

  @Column({ type: 'jsonb', name: 'location_source', nullable: true })
  locationSource!: Source | null;

  @Column({ type: 'jsonb', name: 'sources', default: () => "'[]'" })
  sources!: Source[];

  @Column({ type: 'timestamptz', name: 'archived_at', nullable: true })
  archivedAt!: Date | null;
}
