import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

/** One check's result, by the check's name (`database`). */
export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';
}

const CHECKS = {
  type: 'object',
  additionalProperties: { $ref: getSchemaPath(HealthIndicatorDto) },
} as const;

/** Terminus's health check result; 200 only when every check is up. */
export class ReadinessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiPropertyOptional({ ...CHECKS, description: 'The checks that are up.' })
  info?: Record<string, HealthIndicatorDto>;

  @ApiPropertyOptional({ ...CHECKS, description: 'The checks that are down (none on a 200).' })
  error?: Record<string, HealthIndicatorDto>;

  @ApiProperty({ ...CHECKS, description: 'Every check.' })
  details!: Record<string, HealthIndicatorDto>;
}
