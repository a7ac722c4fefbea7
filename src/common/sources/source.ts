import { Trim } from '../validation/transforms';
import {
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
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
