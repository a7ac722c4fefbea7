import { Injectable } from '@nestjs/common';
import type { OwnerType } from '../../documents/document-owner';
import { DocumentsService } from '../../documents/documents.service';
import { type DocumentResponseDto, ListDocumentsQueryDto } from '../../documents/dto/document.dto';

/** Enough for a record page: a park or pairing holds a handful of documents. */
const SECTION_LIMIT = 100;

/** The documents a record page lists in its Documents section (archived ones are in its history). */
@Injectable()
export class RecordDocuments {
  constructor(private readonly documents: DocumentsService) {}

  async of(type: OwnerType, id: string): Promise<readonly DocumentResponseDto[]> {
    const query = Object.assign(new ListDocumentsQueryDto(), { limit: SECTION_LIMIT });
    return (await this.documents.listFor(type, id, query)).items;
  }
}
