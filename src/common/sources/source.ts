import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Trim, unlessNull } from '../validation/transforms';
import {
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** Where a record's facts come from: parks, pairings, investors and projects keep a list. */
export interface Source {
  url: string;
  title: string;
  accessedOn: string | null;
}

export class SourceDto implements Source {
  /** http(s) URL of the document. */
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2000)
  url!: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title!: string;

  /** When the source was read (YYYY-MM-DD). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'accessedOn must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'accessedOn must be a date (YYYY-MM-DD)' })
  accessedOn!: string | null;
}

/**
 * The `note` beside a record's sources: where sources disagree, which figure was kept, what no
 * source states. Parks, pairings, investors and projects take it the same way.
 */
export function SourceNote(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      maxLength: 5000,
      description:
        'Editorial note on the sources and figures: disagreements, estimates, what is not known.',
    }),
    IsOptional(),
    ValidateIf(unlessNull),
    IsString(),
    MaxLength(5000),
  );
}
