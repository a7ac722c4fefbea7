import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { sortOptions } from '../../../common/pagination/keyset';
import {
  GeoFilterQueryDto,
  LIST_FORMATS,
  type ListFormat,
} from '../../geography/dto/geo-list-query.dto';
import { QueryBoolean, Trim, UpperCase } from '../../../common/validation/transforms';
import {
  PROJECT_STAGES,
  PROJECT_TYPES,
  type ProjectStage,
  type ProjectType,
} from '../project-enums';

export const PROJECT_SORTS = sortOptions(['ref', 'title', 'referenceDate']);

const DECIMAL = /^\d{1,18}(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ListProjectsQueryDto extends GeoFilterQueryDto {
  /** Host country. */
  @IsOptional()
  @UpperCase()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @IsOptional()
  @IsUUID('all', { message: 'park must be a park id (UUID)' })
  park?: string;

  @IsOptional()
  @IsUUID('all', { message: 'pairing must be a pairing id (UUID)' })
  pairing?: string;

  /** ISIC code at any level; matches projects with a sector under it. */
  @IsOptional()
  @UpperCase()
  @Matches(/^([A-U]|\d{2,4})$/, {
    message: 'industry must be an ISIC Rev.4 code such as C or 2410',
  })
  industry?: string;

  @ApiPropertyOptional({ enum: PROJECT_STAGES })
  @IsOptional()
  @IsIn(PROJECT_STAGES)
  stage?: ProjectStage;

  @ApiPropertyOptional({ enum: PROJECT_TYPES })
  @IsOptional()
  @IsIn(PROJECT_TYPES)
  type?: ProjectType;

  /** Projects this investor takes part in. */
  @IsOptional()
  @IsUUID('all', { message: 'investor must be an investor id (UUID)' })
  investor?: string;

  /** Projects with an investor from this home country. */
  @IsOptional()
  @UpperCase()
  @Matches(/^[A-Z]{2}$/, { message: 'investorCountry must be an ISO 3166-1 alpha-2 code' })
  investorCountry?: string;

  /** Reference date on or after (YYYY-MM-DD). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  /** Reference date on or before (YYYY-MM-DD). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  /** USD amount at least (decimal string); projects without a USD amount never match. */
  @IsOptional()
  @Matches(DECIMAL, { message: 'minUsd must be a decimal number such as 1000000' })
  minUsd?: string;

  @IsOptional()
  @Matches(DECIMAL, { message: 'maxUsd must be a decimal number such as 1000000' })
  maxUsd?: string;

  /** Title, description or an investor's name; case- and accent-insensitive. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;

  @ApiPropertyOptional({ enum: PROJECT_SORTS, default: 'ref' })
  @IsOptional()
  @IsIn(PROJECT_SORTS)
  sort?: string;
}

/** The list route's query: the filters, and the format (JSON or GeoJSON). */
export class ListProjectsPageQueryDto extends ListProjectsQueryDto {
  /** `geojson`: a FeatureCollection, each project at its own point or its park's. */
  @ApiPropertyOptional({ enum: LIST_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(LIST_FORMATS, { message: `format must be one of ${LIST_FORMATS.join(', ')}` })
  format?: ListFormat;
}
