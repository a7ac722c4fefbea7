import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import type { SealRow } from '../audit.repository';

export class MismatchDto {
  /** The change row that fails its digest, when that is the problem. */
  changeId?: string;
  /** The seal whose chain fails, when that is the problem. */
  sealId?: string;
  reason!: string;
}

export class DocumentFaultDto {
  sha256!: string;
  documentIds!: string[];
  /** `missing` (no file), `changed` (its bytes hash differently now), `unaudited` (the row's hash is not what its audited insert recorded). */
  @ApiProperty({ enum: ['missing', 'changed', 'unaudited'] })
  problem!: 'missing' | 'changed' | 'unaudited';
  /** What the stored bytes hash to now (changed only). */
  actualSha256!: string | null;
}

/** The documents' files, re-hashed against the SHA-256 their audited rows carry. */
export class DocumentsVerifyDto {
  ok!: boolean;
  /** Distinct stored files re-hashed. */
  checkedFiles!: number;
  checkedBytes!: number;
  /** Up to 100 faults. */
  @ApiProperty({ type: [DocumentFaultDto] })
  faults!: DocumentFaultDto[];
}

export class VerifyResultDto {
  /** The change digests, the seal chain and the documents' files all check out. */
  ok!: boolean;
  /** Change rows whose digests were recomputed. */
  checked!: number;
  /** Seals whose chain was recomputed. */
  seals!: number;
  firstMismatch!: MismatchDto | null;
  documents!: DocumentsVerifyDto;
}

export class SealDto {
  id!: string;
  /** Transaction range covered: [fromTx, toTx). */
  fromTx!: string;
  toTx!: string;
  changeCount!: number;
  chainHash!: string;
  sealedAt!: string;
}

export class SealPageDto {
  items!: SealDto[];
  nextCursor!: string | null;
}

export class SealNowResultDto {
  /** The new seal, or null when nothing new had finished. */
  seal!: SealDto | null;
}

export class ListSealsQueryDto extends PageQueryDto {
  /** `nextCursor` of the previous page. */
  @Matches(/^\d{1,19}$/, { message: 'cursor must be a nextCursor value from this list' })
  declare cursor?: string;
}

export function toSealDto(row: SealRow): SealDto {
  return {
    id: String(row.id),
    fromTx: String(row.from_tx),
    toTx: String(row.to_tx),
    changeCount: Number(row.change_count),
    chainHash: row.chain_hash,
    sealedAt: new Date(row.sealed_at).toISOString(),
  };
}
