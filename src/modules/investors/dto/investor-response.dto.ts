import { ApiProperty } from '@nestjs/swagger';
import { type Source, SourceDto } from '../../../common/sources/source';
import { INVESTOR_TYPES, type InvestorType } from '../investor-enums';
import type { InvestorEntity } from '../investor.entity';
import { InvestorIdentifierDto } from './investor-input.dto';

export class InvestorResponseDto {
  id!: string;
  name!: string;
  nameZh!: string | null;
  nameLocal!: string | null;
  countryCode!: string;
  @ApiProperty({ enum: INVESTOR_TYPES, nullable: true })
  type!: InvestorType | null;
  website!: string | null;
  @ApiProperty({ type: [InvestorIdentifierDto] })
  identifiers!: InvestorIdentifierDto[];
  description!: string | null;
  /** Editorial note on the sources and figures: disagreements, estimates, what is not known. */
  note!: string | null;
  @ApiProperty({ type: [SourceDto] })
  sources!: Source[];
  version!: number;
  createdAt!: string;
  updatedAt!: string;
  archivedAt!: string | null;
}

export class InvestorPageDto {
  items!: InvestorResponseDto[];
  nextCursor!: string | null;
}

export function toInvestorResponse(investor: InvestorEntity): InvestorResponseDto {
  return {
    id: investor.id,
    name: investor.name,
    nameZh: investor.nameZh,
    nameLocal: investor.nameLocal,
    countryCode: investor.countryCode,
    type: investor.type,
    website: investor.website,
    identifiers: investor.identifiers,
    description: investor.description,
    note: investor.note,
    sources: investor.sources,
    version: investor.version,
    createdAt: investor.createdAt.toISOString(),
    updatedAt: investor.updatedAt.toISOString(),
    archivedAt: investor.archivedAt?.toISOString() ?? null,
  };
}
