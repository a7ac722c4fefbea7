import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { Trim } from '../../../common/validation/transforms';
import type { FxRateEntity } from '../fx-rate.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PutFxRateDto {
  /** US dollars per unit, a positive decimal string with up to 10 decimals. */
  @ApiProperty({ example: '0.3050' })
  @Matches(/^(?!0+(\.0+)?$)\d{1,14}(\.\d{1,10})?$/, {
    message: 'usdPerUnit must be a positive decimal string, e.g. "0.3050"',
  })
  usdPerUnit!: string;

  /** Where the rate comes from, e.g. "Bank Negara Malaysia, 2014-01-02 noon rate". */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  source!: string;

  /** The version you read, if not sent as If-Match (only when replacing a rate). */
  @IsOptional()
  @IsInt()
  @Min(1)
  // The column is a PostgreSQL integer: a larger number could never match.
  @Max(2_147_483_647)
  version?: number;
}

export class FxRateDto {
  id!: string;
  currency!: string;
  /** YYYY-MM-DD. */
  date!: string;
  usdPerUnit!: string;
  source!: string;
  version!: number;
  createdAt!: string;
  updatedAt!: string;
}

export class FxRatePageDto {
  items!: FxRateDto[];
  nextCursor!: string | null;
}

export class ListFxRatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'MYR' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency?: string;

  /** Rates on or after this date. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  /** Rates on or before this date. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
}

/** Trailing zeros of the numeric(24,10) column dropped: "0.3050000000" -> "0.305". */
export function plainDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

export function toFxRateDto(rate: FxRateEntity): FxRateDto {
  return {
    id: rate.id,
    currency: rate.currencyCode,
    date: rate.rateDate,
    usdPerUnit: plainDecimal(rate.usdPerUnit),
    source: rate.source,
    version: rate.version,
    createdAt: rate.createdAt.toISOString(),
    updatedAt: rate.updatedAt.toISOString(),
  };
}
