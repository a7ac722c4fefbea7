import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
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
} from 'class-validator';
import { Trim } from '../../../common/validation/transforms';

/** Admin corrections to a country's reference data (ISO codes themselves are fixed). */
export class UpdateCountryDto {
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  nameOfficial?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MaxLength(200)
  nameZh?: string | null;

  /** Default ISO 4217 currency. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'MYR' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @Matches(/^[A-Za-z]{3}$/, { message: 'currencyCode must be an ISO 4217 code' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toUpperCase() : value,
  )
  currencyCode?: string | null;

  /** Date of ASEAN accession (YYYY-MM-DD); null for non-members. */
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsISO8601({ strict: true }, { message: 'aseanMemberSince must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'aseanMemberSince must be a date (YYYY-MM-DD)' })
  aseanMemberSince?: string | null;

  @IsOptional()
  @IsBoolean()
  twinParksPartner?: boolean;

  /** Alternative to If-Match. */
  @IsOptional()
  @IsInt()
  @Min(1)
  // The column is a PostgreSQL integer: a larger number could never match.
  @Max(2_147_483_647)
  version?: number;
}
