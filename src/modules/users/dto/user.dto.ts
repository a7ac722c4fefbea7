import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { sortOptions } from '../../../common/pagination/keyset';
import { PageQueryDto } from '../../../common/pagination/page-query.dto';
import { QueryBoolean, Trim } from '../../../common/validation/transforms';
import { ROLES, type Role } from '../roles';
import type { UserEntity } from '../user.entity';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toUpperCase() : value;

export class CreateUserDto {
  @IsEmail()
  @MaxLength(254)
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  email!: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** At least 12 characters, not the email. Never returned. */
  @IsString()
  @MaxLength(256)
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  /** ISO alpha-2; required for officers and reviewers, refused for the others. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'MY' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @Matches(/^[A-Za-z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code' })
  @Transform(upper)
  countryCode?: string | null;
}

export class UpdateUserDto extends PartialType(
  PickType(CreateUserDto, ['name', 'role', 'countryCode'] as const),
) {
  /** false deactivates: the user's sessions and API tokens stop working at once. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** Alternative to If-Match. */
  @IsOptional()
  @IsInt()
  @Min(1)
  // The column is a PostgreSQL integer: a larger number could never match.
  @Max(2_147_483_647)
  version?: number;
}

export const USER_SORTS = sortOptions(['email', 'name', 'createdAt']);

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  @Transform(upper)
  country?: string;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;

  /** Matches email or name. */
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: USER_SORTS, default: 'email' })
  @IsOptional()
  @IsIn(USER_SORTS)
  sort?: string;
}

export class UserResponseDto {
  id!: string;
  email!: string;
  name!: string;
  @ApiProperty({ enum: ROLES })
  role!: Role;
  countryCode!: string | null;
  active!: boolean;
  version!: number;
  createdAt!: string;
  updatedAt!: string;
}

export class UserPageDto {
  items!: UserResponseDto[];
  nextCursor!: string | null;
}

export function toUserResponse(user: UserEntity): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    countryCode: user.countryCode,
    active: user.active,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
