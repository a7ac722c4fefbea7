import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Trim } from '../../../common/validation/transforms';
import type { ApiTokenEntity } from '../api-token.entity';

export class LoginDto {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class AccessTokenDto {
  /** A JWT to send as `Authorization: Bearer <accessToken>`. */
  accessToken!: string;
  tokenType!: 'Bearer';
  /** Seconds until it expires. */
  expiresIn!: number;
}

export class CreateApiTokenDto {
  /** What the token is for, e.g. "nightly import". */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  /** Lifetime in days, 1-365 (default 90). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  expiresInDays?: number;
}

export class ApiTokenDto {
  id!: string;
  name!: string;
  /** The token's first characters, to tell tokens apart. */
  tokenPrefix!: string;
  expiresAt!: string;
  revokedAt!: string | null;
  lastUsedAt!: string | null;
  createdAt!: string;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  /** The secret, shown this once: store it now. Send it as `Authorization: Bearer <token>`. */
  token!: string;
}

export class ApiTokenListDto {
  items!: ApiTokenDto[];
  nextCursor!: string | null;
}

export function toApiTokenDto(token: ApiTokenEntity): ApiTokenDto {
  return {
    id: token.id,
    name: token.name,
    tokenPrefix: token.tokenPrefix,
    expiresAt: token.expiresAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    createdAt: token.createdAt.toISOString(),
  };
}
