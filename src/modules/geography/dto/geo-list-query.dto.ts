import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateIf,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { bboxProblem, lonLatProblem } from '../geo-filter';

export const LIST_FORMATS = ['json', 'geojson'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/** Half the Earth's circumference: every point is within it. */
export const MAX_WITHIN_KM = 20038;

function Checked(problem: (value: string) => string | null): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'geoText',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && problem(value) === null,
        defaultMessage: ({ property, value }: ValidationArguments) =>
          `${property} ${typeof value === 'string' ? (problem(value) ?? '') : 'must be text'}`,
      },
    });
}

/**
 * A list's page and where: `bbox` and `near` + `within`. Parks, pairings and projects (and the
 * project export) take the same parameters.
 */
export class GeoFilterQueryDto extends PageQueryDto {
  /**
   * `minLon,minLat,maxLon,maxLat` (RFC 7946 order): only records located inside. A box across
   * the antimeridian has minLon greater than maxLon.
   */
  @ApiPropertyOptional({ example: '99,-11,141,26' })
  @IsOptional()
  @Checked(bboxProblem)
  bbox?: string;

  /** `lon,lat`: only records within `within` km of this point (great-circle distance). */
  @ApiPropertyOptional({ example: '103.33,3.81' })
  @ValidateIf((query: GeoFilterQueryDto) => query.near !== undefined || query.within !== undefined)
  @IsDefined({ message: 'near (lon,lat) is required with within' })
  @Checked(lonLatProblem)
  near?: string;

  /** Kilometres around `near`; required with it. */
  @ApiPropertyOptional({ type: Number, example: 250, minimum: 0, maximum: MAX_WITHIN_KM })
  @ValidateIf((query: GeoFilterQueryDto) => query.near !== undefined || query.within !== undefined)
  @IsDefined({ message: 'within (km) is required with near' })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'within must be a number of km' })
  @Min(0, { message: 'within must be between 0 and 20038 km' })
  @Max(MAX_WITHIN_KM, { message: 'within must be between 0 and 20038 km' })
  within?: number;
}

/** The page, where, and the format: JSON, or GeoJSON. */
export class GeoListQueryDto extends GeoFilterQueryDto {
  /** `geojson`: a FeatureCollection (application/geo+json, longitude first), paged like JSON. */
  @ApiPropertyOptional({ enum: LIST_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(LIST_FORMATS, { message: `format must be one of ${LIST_FORMATS.join(', ')}` })
  format?: ListFormat;
}
