import { Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import {
  OWNER_ROUTES,
  OWNER_TYPE,
  type OwnerRoute,
  type OwnerType,
} from '../../documents/document-owner';
import { DocumentsService, mayWrite } from '../../documents/documents.service';
import { type DocumentResponseDto, ListDocumentsQueryDto } from '../../documents/dto/document.dto';

/** Enough for a record page: a park or pairing holds a handful of documents. */
const SECTION_LIMIT = 100;

/** What a record page's Documents section shows: its live documents, and where to attach one. */
export interface DocumentsSection {
  readonly items: readonly DocumentResponseDto[];
  /** The upload form, for a reader who may attach to this record (null otherwise). */
  readonly attachHref: string | null;
}

/** A record's console page: `/parks/<id>` and so on. */
export function recordPath(type: OwnerType, id: string): string {
  const route = OWNER_ROUTES.find((candidate) => OWNER_TYPE[candidate] === type) as OwnerRoute;
  return `/${route}/${id}`;
}

/** The documents a record page lists in its Documents section (archived ones are in its history). */
@Injectable()
export class RecordDocuments {
  constructor(private readonly documents: DocumentsService) {}

  async of(type: OwnerType, id: string, actor: Actor): Promise<DocumentsSection> {
    const query = Object.assign(new ListDocumentsQueryDto(), { limit: SECTION_LIMIT });
    const owner = await this.documents.requireOwner(type, id);
    const page = await this.documents.listOf(owner, query);
    const attachable = !owner.archived && mayWrite(actor, owner);
    return {
      items: page.items,
      attachHref: attachable ? `${recordPath(type, id)}/documents/new` : null,
    };
  }
}
