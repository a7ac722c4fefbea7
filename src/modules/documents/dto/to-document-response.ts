import type { DocumentRow } from '../documents.repository';
import { ownerOf } from '../document-owner';
import type { DocumentResponseDto } from './document.dto';

export function toDocumentResponse(row: DocumentRow): DocumentResponseDto {
  const owner = ownerOf(row);
  return {
    id: row.id,
    recordType: owner.type,
    recordId: owner.id,
    title: row.title,
    titleZh: row.title_zh,
    category: row.category,
    categoryName: row.category_name,
    language: row.language.trim(),
    documentDate: row.document_date,
    visibility: row.visibility,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    scan: row.scan,
    scanDetail: row.scan_detail,
    scannedAt: row.scanned_at?.toISOString() ?? null,
    contentUrl: `/api/v1/documents/${row.id}/content`,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    archivedAt: row.archived_at?.toISOString() ?? null,
  };
}
