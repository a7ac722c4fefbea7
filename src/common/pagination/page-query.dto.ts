import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?limit=&cursor=`, shared by every list. */
export class PageQueryDto {
  /** Page size, 1-200. */
  // Optional with its default (the plugin would mark it required: no `?`); a whole number.
  @ApiPropertyOptional({ type: 'integer', default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  /** Opaque cursor from the previous page's `nextCursor`. */
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
}
