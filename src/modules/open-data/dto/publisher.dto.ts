import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Trim, unlessNull } from '../../../common/validation/transforms';

/** PUT /open-data/publisher: who publishes the registry's open data, and under what licence. */
export class PutPublisherDto {
  /** The reporting organisation, as IATI's `reporting-org` names it. */
  @ApiProperty({ example: 'Ministry of Investment, Trade and Industry (MITI), Malaysia' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '马来西亚投资、贸易和工业部' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(300)
  nameZh?: string | null;

  /**
   * IATI organisation identifier: a registration agency's code (org-id.guide, e.g. `MY-COA`,
   * `CN-USCI`, `XM-DAC`), a dash, and the organisation's number in that list. It prefixes every
   * published activity's identifier.
   */
  @ApiProperty({ example: 'MY-COA-MITI' })
  @Trim()
  @Matches(/^[A-Z]{2}-[A-Za-z0-9]+-[^/&|?\s]+$/, {
    message:
      'orgId must be a registration agency code, a dash and an identifier, e.g. MY-COA-MITI (no spaces or / & | ?)',
  })
  @MaxLength(200)
  orgId!: string;

  /** IATI OrganisationType code: `10` government, `11` local government, `15` other public sector. */
  @ApiProperty({ example: '10' })
  @Matches(/^\d{2}$/, { message: 'orgType must be an IATI OrganisationType code such as 10' })
  orgType!: string;

  /** Licence of the published data (SPDX id); left out: CC-BY-4.0. */
  @ApiPropertyOptional({ example: 'CC-BY-4.0' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9.+-]{2,64}$/, {
    message: 'licenceId must be an SPDX-style licence id such as CC-BY-4.0',
  })
  licenceId?: string;

  /** The licence's text; left out: https://creativecommons.org/licenses/by/4.0/. */
  @ApiPropertyOptional({ example: 'https://creativecommons.org/licenses/by/4.0/' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'licenceUrl must be an http(s) URL' },
  )
  @MaxLength(2000)
  licenceUrl?: string;

  /** The version you read, if not sent as If-Match (0 before anything is stored). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  version?: number;
}

export class PublisherDto {
  /** False until an admin names the publisher: nothing can be published before. */
  configured!: boolean;
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
  @ApiProperty({ type: String, nullable: true })
  nameZh!: string | null;
  @ApiProperty({ type: String, nullable: true })
  orgId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  orgType!: string | null;
  /** The organisation type's name (IATI OrganisationType). */
  @ApiProperty({ type: String, nullable: true })
  orgTypeName!: string | null;
  /** The registration agency the org-id's prefix names. */
  @ApiProperty({ type: String, nullable: true })
  registrationAgency!: string | null;
  licenceId!: string;
  licenceUrl!: string;
  /** 0: nothing stored yet. */
  version!: number;
  @ApiProperty({ type: String, nullable: true })
  updatedAt!: string | null;
}
