import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { QueryBoolean, Trim, unlessNull } from '../../../common/validation/transforms';

export const VISIBILITIES = ['internal', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const SCAN_STATES = ['clean', 'pending', 'unscanned', 'infected'] as const;
export type ScanState = (typeof SCAN_STATES)[number];
export const OWNER_TYPES = ['park', 'pairing', 'investor', 'project'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The metadata of an upload (multipart fields beside the file). */
export class DocumentFieldsDto {
  /** Title in English. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title!: string;

  /** Title in Chinese. */
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(500)
  titleZh?: string | null;

  /** IATI DocumentCategory code, e.g. A09 (memorandum of understanding), A11 (contract); GET /document-categories lists them. */
  @Trim()
  @Matches(/^[AB]\d{2}$/, { message: 'category must be an IATI DocumentCategory code such as A09' })
  category!: string;

  /** ISO 639-1 language of the document, e.g. en, zh, ms. */
  @Trim()
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code such as en or zh' })
  language!: string;

  /** The date the document bears (signed, published), YYYY-MM-DD. */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsISO8601({ strict: true }, { message: 'documentDate must be a date (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'documentDate must be a date (YYYY-MM-DD)' })
  documentDate?: string | null;

  /** `internal` (default): signed-in users only; `public`: part of the open data. */
  @ApiPropertyOptional({ enum: VISIBILITIES })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;
}

/** PATCH /documents/{id}: the metadata only (the file never changes; upload a new one). */
export class UpdateDocumentDto {
  @ApiPropertyOptional({ type: String, maxLength: 500 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(500)
  titleZh?: string | null;

  @ApiPropertyOptional({ type: String, example: 'A09' })
  @IsOptional()
  @Trim()
  @Matches(/^[AB]\d{2}$/, { message: 'category must be an IATI DocumentCategory code such as A09' })
  category?: string;

  @ApiPropertyOptional({ type: String, example: 'en' })
  @IsOptional()
  @Trim()
  @Matches(/^[a-z]{2}$/, { message: 'language must be an ISO 639-1 code such as en or zh' })
  language?: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsISO8601({ strict: true }, { message: 'documentDate must be a date (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'documentDate must be a date (YYYY-MM-DD)' })
  documentDate?: string | null;

  @ApiPropertyOptional({ enum: VISIBILITIES })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;
}

export class ListDocumentsQueryDto extends PageQueryDto {
  /** Also list archived documents. */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  includeArchived?: boolean;
}

export class DocumentResponseDto {
  id!: string;
  /** The kind of record it is attached to. */
  @ApiProperty({ enum: OWNER_TYPES })
  recordType!: (typeof OWNER_TYPES)[number];
  recordId!: string;
  title!: string;
  titleZh!: string | null;
  /** IATI DocumentCategory code. */
  category!: string;
  /** The category's name (English). */
  categoryName!: string;
  /** ISO 639-1. */
  language!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  documentDate!: string | null;
  @ApiProperty({ enum: VISIBILITIES })
  visibility!: Visibility;
  /** The name the file was uploaded with (downloads carry it). */
  fileName!: string;
  /** Decided from the file's bytes, never from its name or declared type. */
  mediaType!: string;
  sizeBytes!: number;
  /** SHA-256 of the bytes (hex): the store's name for the file, and the download's ETag. */
  sha256!: string;
  /** Virus scan: `clean`, `pending` (waiting for clamd; not downloadable yet), `unscanned` (no scanner configured), `infected` (never served). */
  @ApiProperty({ enum: SCAN_STATES })
  scan!: ScanState;
  /** The signature found, or why a scan is pending. */
  scanDetail!: string | null;
  scannedAt!: string | null;
  /** Where to download it. */
  contentUrl!: string;
  version!: number;
  createdAt!: string;
  updatedAt!: string;
  archivedAt!: string | null;
}

export class DocumentPageDto {
  items!: DocumentResponseDto[];
  nextCursor!: string | null;
}

export class DocumentCategoryDto {
  /** e.g. A09 */
  code!: string;
  /** A: about an activity (pairing, park, project); B: about an organisation. */
  category!: string;
  name!: string;
  nameZh!: string;
}
