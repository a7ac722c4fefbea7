import { ApiPropertyOptional } from '@nestjs/swagger';
import { Trim } from '../validation/transforms';
import {
  IsISO8601,
  IsUUID,
  ValidateIf,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { Source } from './source';

/**
 * A source as the API takes and gives it. In a `.dto.ts` file so the swagger CLI plugin
 * documents its fields (a client must be able to type a record's `sources`).
 */
export class SourceDto implements Source {
  /** http(s) URL of the document; may be left out when `documentId` cites an attached one. */
  @ApiPropertyOptional({ type: String, maxLength: 2000 })
  @ValidateIf((source: SourceDto) => source.url != null || source.documentId == null)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'url must be an http(s) URL (or cite an attached document with documentId)' },
  )
  @MaxLength(2000)
  url?: string;

  /**
   * One of this record's own documents (GET .../documents), instead of or beside a URL. A
   * document of another record is refused (422 SOURCE_DOCUMENT_NOT_ATTACHED).
   */
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'documentId must be a document id (UUID)' })
  documentId?: string;

  /** Title of the document. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title!: string;

  /** When the source was read (YYYY-MM-DD); null when unknown. Omitted, it is stored as null. */
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'accessedOn must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'accessedOn must be a date (YYYY-MM-DD)' })
  accessedOn: string | null;

  constructor() {
    // In the constructor, not an initializer, so the schema gets no `default`: openapi-typescript
    // makes a field that has one required, in request bodies too.
    this.accessedOn = null;
  }
}
