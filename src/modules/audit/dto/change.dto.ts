import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';

export const CHANGE_OPS = ['insert', 'update', 'delete'] as const;

export class ChangeDto {
  id!: string;
  /** The audited table, e.g. `country`, `app_user`. */
  table!: string;
  /** The changed row's id (or code). */
  entityId!: string;
  @ApiProperty({ enum: CHANGE_OPS })
  op!: (typeof CHANGE_OPS)[number];
  /** A user id, `system:<job>` or `migration:<name>`. */
  actor!: string;
  requestId!: string | null;
  reason!: string | null;
  at!: string;
  txId!: string;
  /** Changed fields, in the API's camelCase. */
  changed!: string[];
  before!: Record<string, unknown> | null;
  after!: Record<string, unknown> | null;
}

export class ChangePageDto {
  items!: ChangeDto[];
  nextCursor!: string | null;
}

/** Paging for a record's history: newest first by default, `sort=at` for oldest first. */
export class HistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['at', '-at'], default: '-at' })
  @IsOptional()
  @IsIn(['at', '-at'])
  sort?: 'at' | '-at';
}

export class ListChangesQueryDto extends HistoryQueryDto {
  /** Audited table, e.g. `country`. */
  @IsOptional()
  @Matches(/^[a-z_]{1,63}$/, { message: 'table must be a table name such as country' })
  table?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  requestId?: string;

  @ApiPropertyOptional({ enum: CHANGE_OPS })
  @IsOptional()
  @IsIn(CHANGE_OPS)
  op?: (typeof CHANGE_OPS)[number];

  /** Changes at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Changes before this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  /** `csv` streams every matching change (limit and cursor do not apply) as a download. */
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
