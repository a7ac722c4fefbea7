import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { QueryBoolean, UpperCase } from '../../../common/validation/transforms';
import type { ReviewStatus } from '../working-days';

export const REVIEW_STATUSES: readonly ReviewStatus[] = [
  'pending',
  'due_soon',
  'due',
  'overdue',
  'escalated',
];

export class ReviewQueueFilterDto {
  /**
   * `me`: what awaits the caller: a reviewer, the rounds their country has still to decide; an
   * admin, the escalated ones; others, nothing. Omitted: every open round the caller may see
   * (reviewers their country's, officers those of their country's pairings, analysts and
   * admins all).
   */
  @ApiPropertyOptional({ enum: ['me'] })
  @IsOptional()
  @IsIn(['me'], { message: 'awaiting must be "me"' })
  awaiting?: 'me';

  /** The deciding side's country (alpha-2). */
  @ApiPropertyOptional({ example: 'MY' })
  @IsOptional()
  @UpperCase()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as MY' })
  country?: string;

  /** Only rounds due before this date (YYYY-MM-DD, exclusive). */
  @ApiPropertyOptional({ example: '2026-12-31', format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dueBefore must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueBefore must be a date (YYYY-MM-DD)' })
  dueBefore?: string;

  /** true: only rounds past their due date (overdue or escalated); false: only those not. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

/** The queue's filters with a status and a page. */
export class ReviewQueueQueryDto extends IntersectionType(PageQueryDto, ReviewQueueFilterDto) {
  /** Where the round stands today in the deciding country. */
  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_STATUSES, { message: `state must be one of ${REVIEW_STATUSES.join(', ')}` })
  state?: ReviewStatus;
}

export class ReviewQueueItemDto {
  /** The round's row for this side (registry.review_round). */
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  pairingId!: string;
  pairingCode!: string;
  pairingName!: string;
  @ApiProperty({ nullable: true, type: String })
  pairingNameZh!: string | null;
  round!: number;
  /** The side that has to decide. */
  countryCode!: string;
  @ApiProperty({ format: 'date-time' })
  submittedAt!: string;
  /** User id of the submitter. */
  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  submittedBy!: string | null;
  @ApiProperty({ nullable: true, type: String })
  submittedByName!: string | null;
  @ApiProperty({ format: 'date' })
  dueSoonOn!: string;
  @ApiProperty({ format: 'date' })
  dueOn!: string;
  /** From this date the country's admins are told. */
  @ApiProperty({ format: 'date' })
  escalateOn!: string;
  /** Working days since submission, in the deciding side's calendar (0 on the day itself). */
  workingDaysWaiting!: number;
  @ApiProperty({ enum: REVIEW_STATUSES })
  status!: ReviewStatus;
  /** The console page of the pairing. */
  link!: string;
}

export class ReviewQueuePageDto {
  items!: ReviewQueueItemDto[];
  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class ReviewQueueSummaryDto {
  total!: number;
  pending!: number;
  dueSoon!: number;
  due!: number;
  overdue!: number;
  escalated!: number;
}
