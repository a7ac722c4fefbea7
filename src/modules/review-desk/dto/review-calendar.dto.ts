import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Trim, unlessNull } from '../../../common/validation/transforms';

const WEEKDAY = { minimum: 1, maximum: 7 };
const SUBDIVISION = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

export class HolidayDto {
  /** YYYY-MM-DD. */
  @ApiProperty({ example: '2027-02-06' })
  @IsISO8601({ strict: true }, { message: 'date must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date (YYYY-MM-DD)' })
  date!: string;

  @ApiProperty({ example: 'Chinese New Year' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** Only in this ISO 3166-2 subdivision (a state holiday); omitted: the whole country. */
  @ApiPropertyOptional({ example: 'MY-01', nullable: true, type: String })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Matches(SUBDIVISION, { message: 'subdivisionCode must be an ISO 3166-2 code such as MY-01' })
  subdivisionCode?: string | null;
}

export class SubdivisionWeekDto {
  /** ISO 3166-2 code of the subdivision whose working week differs, e.g. MY-02 (Kedah). */
  @ApiProperty({ example: 'MY-02' })
  @Matches(SUBDIVISION, { message: 'subdivisionCode must be an ISO 3166-2 code such as MY-02' })
  subdivisionCode!: string;

  /** Its rest days as ISO weekdays (1 Monday ... 7 Sunday). */
  @ApiProperty({ type: [Number], example: [5, 6], items: { type: 'integer', ...WEEKDAY } })
  @IsArray()
  @ArrayMaxSize(6, { message: 'weekend must leave at least one working day' })
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekend!: number[];

  /** Where this week comes from. */
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(1000)
  source?: string | null;
}

/** A country's review calendar, replaced whole. */
export class PutReviewCalendarDto {
  /** Working days a side has to decide a round (default 10). */
  @ApiProperty({ example: 10, minimum: 1, maximum: 120 })
  @IsInt()
  @Min(1)
  @Max(120)
  reviewWorkingDays!: number;

  /** Rest days as ISO weekdays (1 Monday ... 7 Sunday): [6, 7] Saturday-Sunday, [5, 7] Brunei. */
  @ApiProperty({ type: [Number], example: [6, 7], items: { type: 'integer', ...WEEKDAY } })
  @IsArray()
  @ArrayMaxSize(6, { message: 'weekend must leave at least one working day' })
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekend!: number[];

  /** IANA time zone in which the country's "today" is counted. */
  @ApiProperty({ example: 'Asia/Kuala_Lumpur' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  timeZone!: string;

  /** Subdivisions with a working week of their own; omitted: none. */
  @ApiPropertyOptional({ type: [SubdivisionWeekDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SubdivisionWeekDto)
  subdivisionWeekends?: SubdivisionWeekDto[];

  /** Public holidays; omitted: none. */
  @ApiPropertyOptional({ type: [HolidayDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => HolidayDto)
  holidays?: HolidayDto[];

  /** Where the working week comes from. */
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(2000)
  source?: string | null;

  /** The version you read, if not sent as If-Match. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  version?: number;
}

export class ReviewCalendarDto {
  @ApiProperty({ example: 'MY' })
  countryCode!: string;
  reviewWorkingDays!: number;
  @ApiProperty({ type: [Number], example: [6, 7] })
  weekend!: number[];
  timeZone!: string;
  subdivisionWeekends!: SubdivisionWeekDto[];
  /** Sorted by date. */
  holidays!: HolidayDto[];
  @ApiProperty({ nullable: true, type: String })
  source!: string | null;
  /** 0 while the country keeps the default calendar (nothing stored yet). */
  version!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  updatedAt!: string | null;
}

export class HolidayImportResultDto {
  calendar!: ReviewCalendarDto;
  /** Holidays added by the file (dates already in the calendar are kept as they were). */
  added!: number;
  /** Dates in the file that the calendar already had. */
  alreadyPresent!: number;
}
