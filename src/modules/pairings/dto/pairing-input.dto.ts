import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SourceDto, SourceNote } from '../../../common/sources/source';
import { Trim, UpperCase, unlessNull } from '../../../common/validation/transforms';
import { DECISIONS, type Decision, PAIRING_STATUSES, type PairingStatus } from '../pairing-enums';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PairingSideInputDto {
  @ApiProperty({ example: 'MY' })
  @UpperCase()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  countryCode!: string;

  /** One or more parks of that country. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each park id must be a UUID' })
  parkIds!: string[];
}

export class PairingIndustryInputDto {
  @ApiProperty({ example: '24' })
  @UpperCase()
  @Matches(/^([A-U]|\d{2,4})$/, { message: 'code must be an ISIC Rev.4 code such as C or 2410' })
  code!: string;
}

export class CreatePairingDto {
  @ApiProperty({ example: 'CN-MY-TCTP' })
  @UpperCase()
  @Matches(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, {
    message: 'code must be letters and digits in dash-separated parts, e.g. CN-MY-TCTP',
  })
  @MaxLength(40)
  code!: string;

  @ApiProperty({ example: 'China-Malaysia Two Countries Twin Parks' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '中马两国双园' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(300)
  nameZh?: string | null;

  /** Exactly two sides, of two different countries. */
  @ApiProperty({ type: [PairingSideInputDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => PairingSideInputDto)
  sides!: PairingSideInputDto[];

  /** Cooperation industries. */
  @ApiPropertyOptional({ type: [PairingIndustryInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PairingIndustryInputDto)
  industries?: PairingIndustryInputDto[];

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', example: '2012-06-16' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsISO8601({ strict: true }, { message: 'agreementSignedOn must be a date (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'agreementSignedOn must be a date (YYYY-MM-DD)' })
  agreementSignedOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', example: '2013-02-05' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsISO8601({ strict: true }, { message: 'launchedOn must be a date (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'launchedOn must be a date (YYYY-MM-DD)' })
  launchedOn?: string | null;

  @ApiProperty({ enum: PAIRING_STATUSES })
  @IsIn(PAIRING_STATUSES)
  status!: PairingStatus;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsString()
  @MaxLength(20000)
  description?: string | null;

  @SourceNote()
  note?: string | null;

  @ApiPropertyOptional({ type: [SourceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];
}

export class UpdatePairingDto extends PartialType(CreatePairingDto) {
  /** The version you read, if not sent as If-Match. */
  @IsOptional()
  @IsInt()
  @Min(1)
  // The column is a PostgreSQL integer: a larger number could never match.
  @Max(2_147_483_647)
  version?: number;
}

export class ReviewDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision!: Decision;

  /** Why; required (here or as X-Change-Reason) to return or reject. */
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}
