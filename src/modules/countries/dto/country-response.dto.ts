import type { CountryEntity } from '../country.entity';

export class CountryResponseDto {
  /** ISO 3166-1 alpha-2, the key. */
  code!: string;
  alpha3!: string;
  /** ISO 3166-1 numeric, three digits. */
  numeric!: string;
  name!: string;
  nameOfficial!: string;
  nameZh!: string | null;
  /** Default ISO 4217 currency. */
  currencyCode!: string | null;
  aseanMember!: boolean;
  /** Date of ASEAN accession (YYYY-MM-DD). */
  aseanMemberSince!: string | null;
  /** The partner side of Two Countries Twin Parks pairings (China). */
  twinParksPartner!: boolean;
  version!: number;
  updatedAt!: string;
}

export class CountryPageDto {
  items!: CountryResponseDto[];
  nextCursor!: string | null;
}

export function toCountryResponse(country: CountryEntity): CountryResponseDto {
  return {
    code: country.code,
    alpha3: country.alpha3,
    numeric: country.numeric,
    name: country.name,
    nameOfficial: country.nameOfficial,
    nameZh: country.nameZh,
    currencyCode: country.currencyCode,
    aseanMember: country.aseanMemberSince !== null,
    aseanMemberSince: country.aseanMemberSince,
    twinParksPartner: country.twinParksPartner,
    version: country.version,
    updatedAt: country.updatedAt.toISOString(),
  };
}
