import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SourceDto, SourceNote } from '../../../common/sources/source';
import { LocationInputDto } from '../../geography/dto/location.dto';
import { Trim, UpperCase, unlessNull } from '../../../common/validation/transforms';
import {
  INVESTOR_ROLES,
  type InvestorRole,
  PROJECT_STAGES,
  PROJECT_TYPES,
  type ProjectStage,
  type ProjectType,
} from '../project-enums';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ProjectSectorInputDto {
  @ApiProperty({ example: '2410' })
  @UpperCase()
  @Matches(/^([A-U]|\d{2,4})$/, { message: 'code must be an ISIC Rev.4 code such as C or 2410' })
  code!: string;

  /** Share of the project in this sector, up to two decimals; a project's shares sum to 100. */
  @ApiProperty({ example: 60 })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  percentage!: number;
}

export class ProjectInvestorInputDto {
  @IsUUID('all', { message: 'investorId must be an investor id (UUID)' })
  investorId!: string;

  @ApiProperty({ enum: INVESTOR_ROLES })
  @IsIn(INVESTOR_ROLES)
  role!: InvestorRole;

  /** Optional share in percent; given shares sum to at most 100. */
  @ApiPropertyOptional({ type: Number, nullable: true, example: 100 })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  sharePct?: number | null;
}

export class MoneyDto {
  /** Decimal string, never a float: "5600000000.00". */
  @ApiProperty({ example: '5600000000.00' })
  @Matches(/^\d{1,18}(\.\d{1,2})?$/, {
    message: 'amount must be a decimal string with at most 2 decimals, e.g. "125000000.00"',
  })
  amount!: string;

  @ApiProperty({ example: 'MYR' })
  @UpperCase()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code' })
  currency!: string;
}

function dateField(name: string) {
  return [
    IsISO8601({ strict: true }, { message: `${name} must be a date (YYYY-MM-DD)` }),
    Matches(DATE, { message: `${name} must be a date (YYYY-MM-DD)` }),
  ];
}
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorator) => decorator(target, key));

export class CreateProjectDto {
  @ApiProperty({ example: 'Integrated steel mill' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsString()
  @MaxLength(20000)
  description?: string | null;

  @SourceNote()
  note?: string | null;

  /** The host park; the host country follows from it. */
  @IsUUID('all', { message: 'parkId must be a park id (UUID)' })
  parkId!: string;

  /** A pairing that contains the host park. */
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsUUID('all', { message: 'pairingId must be a pairing id (UUID)' })
  pairingId?: string | null;

  @ApiPropertyOptional({ type: [ProjectInvestorInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProjectInvestorInputDto)
  investors?: ProjectInvestorInputDto[];

  /** One or more ISIC sectors whose percentages sum to exactly 100. */
  @ApiProperty({ type: [ProjectSectorInputDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProjectSectorInputDto)
  sectors!: ProjectSectorInputDto[];

  @ApiProperty({ enum: PROJECT_TYPES })
  @IsIn(PROJECT_TYPES)
  type!: ProjectType;

  @ApiProperty({ enum: PROJECT_STAGES })
  @IsIn(PROJECT_STAGES)
  stage!: ProjectStage;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @apply(dateField('announcedOn'))
  announcedOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @apply(dateField('signedOn'))
  signedOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @apply(dateField('constructionStartOn'))
  constructionStartOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' })
  @IsOptional()
  @ValidateIf(unlessNull)
  @apply(dateField('operationalOn'))
  operationalOn?: string | null;

  @ApiPropertyOptional({ type: MoneyDto, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @ValidateNested()
  @Type(() => MoneyDto)
  investment?: MoneyDto | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  jobsPlanned?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  jobsActual?: number | null;

  /** The figures are estimates. */
  @IsOptional()
  @IsBoolean()
  estimated?: boolean;

  /**
   * The project's own site, when it is known apart from its park's (a plant outside the park, a
   * second site). Null: the project is located at its park. Must lie in the host country.
   */
  @ApiPropertyOptional({ type: LocationInputDto, nullable: true })
  @IsOptional()
  @ValidateIf(unlessNull)
  @ValidateNested()
  @Type(() => LocationInputDto)
  location?: LocationInputDto | null;

  @ApiPropertyOptional({ type: [SourceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];
}

export class UpdateProjectDto extends PartialType(CreateProjectDto) {
  /** The version you read, if not sent as If-Match. */
  @IsOptional()
  @IsInt()
  @Min(1)
  // The column is a PostgreSQL integer: a larger number could never match.
  @Max(2_147_483_647)
  version?: number;
}
