import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { VersionedEntity } from '../../database/versioned-entity';
import { CountryEntity } from '../countries/country.entity';
import type { Source } from '../../common/sources/source';
import { ParkIndustryEntity } from './park-industry.entity';
import type { Polygon } from 'geojson';
import {
  EXACTNESSES,
  type Exactness,
  type GeoPoint,
  POINT_COLUMN,
  PRECISIONS,
  type Precision,
  WORLD_BOX,
} from '../geography/geo-point';
import { PARK_STATUSES, type ParkStatus, ZONE_TYPES, type ZoneType } from './park-enums';

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

@Entity({ schema: 'registry', name: 'park' })
@Check('park_code_check', `"code" ~ '^[A-Z]{2}-[A-Z0-9]+(-[A-Z0-9]+)*$'`)
@Check('park_zone_type_check', `"zone_type" IN (${quoted(ZONE_TYPES)})`)
@Check('park_status_check', `"status" IN (${quoted(PARK_STATUSES)})`)
@Check('park_area_ha_check', `"area_ha" > 0`)
@Check('park_location_check', `"location" <@ ${WORLD_BOX}`)
@Check('park_location_exactness_check', `"location_exactness" IN (${quoted(EXACTNESSES)})`)
@Check('park_location_precision_check', `"location_precision" IN (${quoted(PRECISIONS)})`)
@Check(
  'park_location_details_check',
  `"location" IS NOT NULL OR ("location_exactness" IS NULL AND "location_precision" IS NULL AND "location_source" IS NULL AND "boundary" IS NULL)`,
)
@Check(
  'park_boundary_check',
  `"boundary" IS NULL OR ("boundary" ->> 'type' = 'Polygon' AND jsonb_typeof("boundary" -> 'coordinates') = 'array')`,
)
@Check('park_boundary_source_check', `"boundary" IS NOT NULL OR "boundary_source" IS NULL`)
@Check(
  'park_subdivision_check',
  `"subdivision_code" IS NULL OR left("subdivision_code", 2) = "country_code"`,
)
@Index('park_country_code_idx', ['countryCode', 'code'])
@Index('park_country_name_idx', ['countryCode', 'name', 'id'])
@Index('park_name_idx', ['name', 'id'])
@Index('park_created_at_idx', ['createdAt', 'id'])
// A trigram index over the folded names and code (see the migration); TypeORM cannot declare it.
@Index('park_search_idx', { synchronize: false })
export class ParkEntity extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'park_pkey' })
  id!: string;

  @Index('park_code_key', { unique: true })
  @Column({ type: 'text', name: 'code' })
  code!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Column({ type: 'text', name: 'name_zh', nullable: true })
  nameZh!: string | null;

  @Column({ type: 'text', name: 'name_local', nullable: true })
  nameLocal!: string | null;

  @Column({ type: 'char', length: 2, name: 'country_code' })
  countryCode!: string;

  @ManyToOne(() => CountryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'country_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'park_country_code_fkey',
  })
  country?: CountryEntity;

  @Column({ type: 'text', name: 'subdivision_code', nullable: true })
  subdivisionCode!: string | null;

  @Column({ type: 'text', name: 'city', nullable: true })
  city!: string | null;

  @Index('park_zone_type_idx')
  @Column({ type: 'text', name: 'zone_type' })
  zoneType!: ZoneType;

  @Index('park_status_idx')
  /** Null when no source states it. */
  @Column({ type: 'text', name: 'status', nullable: true })
  status!: ParkStatus | null;

  @Column({ type: 'date', name: 'established_on', nullable: true })
  establishedOn!: string | null;

  /** Exact decimal string, e.g. "1416.40". */
  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'area_ha', nullable: true })
  areaHa!: string | null;

  /** PostgreSQL `point(lon, lat)` under a GiST index (bounding-box and nearest queries). */
  @Index('park_location_idx', { spatial: true })
  @Column({ type: 'point', name: 'location', nullable: true, transformer: POINT_COLUMN })
  location!: GeoPoint | null;

  @Column({ type: 'text', name: 'location_exactness', nullable: true })
  locationExactness!: Exactness | null;

  @Column({ type: 'text', name: 'location_precision', nullable: true })
  locationPrecision!: Precision | null;

  @Column({ type: 'jsonb', name: 'location_source', nullable: true })
  locationSource!: Source | null;

  /** GeoJSON Polygon around the park's point (checked by the API: closed, valid, containing it). */
  @Column({ type: 'jsonb', name: 'boundary', nullable: true })
  boundary!: Polygon | null;

  @Column({ type: 'jsonb', name: 'boundary_source', nullable: true })
  boundarySource!: Source | null;

  @Column({ type: 'text', name: 'website', nullable: true })
  website!: string | null;

  @Column({ type: 'text', name: 'description', nullable: true })
  description!: string | null;

  @Column({ type: 'text', name: 'note', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', name: 'sources', default: () => "'[]'" })
  sources!: Source[];

  @Column({ type: 'timestamptz', name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @OneToMany(() => ParkIndustryEntity, (link) => link.park)
  industries?: ParkIndustryEntity[];
}
