import { Controller, Get } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthCheckResult } from '@nestjs/terminus';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { Public } from '../auth/access.decorator';
import { HealthIndicatorDto, LivenessDto, ReadinessDto } from './dto/health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@ApiExtraModels(HealthIndicatorDto)
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process serves HTTP', operationId: 'live' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers', operationId: 'ready' })
  @ApiOkResponse({ type: ReadinessDto })
  // NOT_READY, with each check's state in `checks`. Health routes have no 4xx: they take no
  // input and need no credentials.
  @ApiProblems(503)
  ready(): Promise<HealthCheckResult> {
    return this.health.readiness();
  }
}
