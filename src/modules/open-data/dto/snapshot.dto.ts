import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import {
  SNAPSHOT_CAUSES,
  type SnapshotCause,
  type SnapshotRow,
} from '../snapshots/snapshots.repository';

/** One sealed publication. */
export class SnapshotDto {
  @ApiProperty({ type: 'integer' })
  id!: number;
  publishedAt!: string;
  /** What made the registry publish: an approval, another change to a pairing, the job, an admin. */
  @ApiProperty({ enum: SNAPSHOT_CAUSES })
  cause!: SnapshotCause;
  /** SHA-256 of the sealed view (GET /open/snapshots/{id}); recorded in the audit trail. */
  sha256!: string;
  @ApiProperty({ type: 'integer' })
  pairings!: number;
  @ApiProperty({ type: 'integer' })
  projects!: number;
  @ApiProperty({ type: 'integer' })
  documents!: number;
  /** This snapshot's feeds and sealed view. */
  links!: SnapshotLinksDto;
}

export class SnapshotLinksDto {
  view!: string;
  iati!: string;
  oc4ids!: string;
  csv!: string;
}

export class SnapshotPageDto {
  @ApiProperty({ type: [SnapshotDto] })
  items!: SnapshotDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class ListSnapshotsQueryDto extends PageQueryDto {
  /** `nextCursor` of the previous page. */
  @Matches(/^\d{1,9}$/, { message: 'cursor must be a nextCursor value from this list' })
  declare cursor?: string;
}

/** `?snapshot=N`: a feed as an earlier snapshot published it; left out, the latest. */
export class FeedQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2_147_483_647 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'snapshot must be a snapshot id (a whole number)' })
  @Min(1, { message: 'snapshot must be a snapshot id (a whole number)' })
  // The column is an integer: a larger id would be a database error, not a 404.
  @Max(2_147_483_647, { message: 'snapshot must be a snapshot id (a whole number)' })
  snapshot?: number;
}

export class SnapshotVerificationDto {
  @ApiProperty({ type: 'integer' })
  id!: number;
  sha256!: string;
  /** SHA-256 of the view rebuilt from the audit trail as the snapshot's transaction saw it. */
  regeneratedSha256!: string;
  same!: boolean;
}

export class FeedCheckDto {
  valid!: boolean;
  /** The official schema's complaints (XSD for IATI, JSON Schema for OC4IDS). */
  schemaErrors!: string[];
  /** Codes outside their codelists, and IATI's rules (sector sums, identifiers, dates). */
  codelistAndRuleErrors!: string[];
}

export class PublicationCheckDto {
  valid!: boolean;
  iati!: FeedCheckDto;
  oc4ids!: FeedCheckDto;
}

/** What approving a pairing would publish, validated. */
export class PublicationPreviewDto {
  /** False until an admin names the publisher: nothing is published before. */
  publisherSet!: boolean;
  @ApiProperty({ type: 'integer' })
  pairings!: number;
  @ApiProperty({ type: 'integer' })
  projects!: number;
  @ApiProperty({ type: 'integer' })
  documents!: number;
  @ApiProperty({ type: PublicationCheckDto, nullable: true })
  check!: PublicationCheckDto | null;
}

/** POST /open-data/snapshots: the new snapshot, or null when the view had not changed. */
export class PublishResultDto {
  @ApiProperty({ type: SnapshotDto, nullable: true })
  snapshot!: SnapshotDto | null;
  /** Why nothing was written, when nothing was. */
  @ApiProperty({ type: String, nullable: true, enum: ['no_publisher', 'unchanged'] })
  skipped!: 'no_publisher' | 'unchanged' | null;
}

export function toSnapshotDto(row: SnapshotRow): SnapshotDto {
  const id = row.id;
  return {
    id,
    publishedAt: new Date(row.published_at).toISOString(),
    cause: row.cause,
    sha256: row.sha256,
    pairings: row.pairings,
    projects: row.projects,
    documents: row.documents,
    links: {
      view: `/open/snapshots/${id}`,
      iati: `/open/iati/activities.xml?snapshot=${id}`,
      oc4ids: `/open/oc4ids/projects.json?snapshot=${id}`,
      csv: `/open/projects.csv?snapshot=${id}`,
    },
  };
}
