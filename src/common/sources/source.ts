import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { unlessNull } from '../validation/transforms';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** Where a record's facts come from: parks, pairings, investors and projects keep a list. */
export interface Source {
  /** Absent when the source is only an attached document. */
  url?: string;
  /** One of the record's own documents (registry.document), checked by a trigger. */
  documentId?: string;
  title: string;
  accessedOn: string | null;
}

// The class lives in a .dto.ts file, which the swagger CLI plugin reads; records import it here.
export { SourceDto } from './source.dto';

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
