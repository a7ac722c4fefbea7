import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
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
  ValidateNested,
} from 'class-validator';
import { SourceDto, SourceNote } from '../../../common/sources/source';
import { Trim, UpperCase, unlessNull } from '../../../common/validation/transforms';
import { INVESTOR_TYPES, type InvestorType } from '../investor-enums';

export class InvestorIdentifierDto {
  /** The register, e.g. `LEI`, `MY-SSM`, `CN-USCC`. */
  @ApiProperty({ example: 'LEI' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  scheme!: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  value!: string;
}

export class CreateInvestorDto {
  /** Organisation name as registered. */
  @ApiProperty({ example: 'Alliance Steel (M) Sdn Bhd' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '联合钢铁' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(300)
  nameZh?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @Trim()
  @IsString()
  @MaxLength(300)
  nameLocal?: string | null;

  /** Home country (ISO 3166-1 alpha-2). */
  @ApiProperty({ example: 'MY' })
  @UpperCase()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  countryCode!: string;

  @ApiPropertyOptional({ enum: INVESTOR_TYPES, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsIn(INVESTOR_TYPES)
  type?: InvestorType | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'website must be an http(s) URL' },
  )
  @MaxLength(2000)
  website?: string | null;

  @ApiPropertyOptional({ type: [InvestorIdentifierDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => InvestorIdentifierDto)
  identifiers?: InvestorIdentifierDto[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsString()
  @MaxLength(20000)
  description?: string | null;

  @SourceNote()
  note?: string | null;

  @ApiPropertyOptional({ type: [SourceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];
}

export class UpdateInvestorDto extends PartialType(CreateInvestorDto) {
  /** The version you read, if not sent as If-Match. */
  @IsOptional()
  @IsInt()
  @Min(1)
  // The column is a PostgreSQL integer: a larger number could never match.
  @Max(2_147_483_647)
  version?: number;
}
