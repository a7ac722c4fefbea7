import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { IdempotencyKeyIgnored } from '../../common/idempotency/idempotency.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { UserResponseDto } from '../users/dto/user.dto';
import { Access, ALL_ROLES, CurrentActor, Public } from './access.decorator';
import type { Actor } from './actor';
import type { WriteContext } from '../../database/audited-transactions';
import { AuthService } from './auth.service';
import { ChangeContext } from './change-context.decorator';
import {
  AccessTokenDto,
  ApiTokenListDto,
  CreateApiTokenDto,
  CreatedApiTokenDto,
  LoginDto,
} from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password; returns a short-lived JWT',
    operationId: 'login',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiProblems(400, 401, 429)
  login(@Body() dto: LoginDto, @Ip() clientIp: string): Promise<AccessTokenDto> {
    return this.auth.login(dto.email, dto.password, clientIp);
  }

  @Get('me')
  @Access(ALL_ROLES)
  @ApiOperation({ summary: 'The signed-in user', operationId: 'me' })
  @ApiOkResponse({ type: UserResponseDto })
  me(@CurrentActor() actor: Actor): Promise<UserResponseDto> {
    return this.auth.me(actor);
  }

  @Post('tokens')
  @Access(ALL_ROLES, 'self')
  // The response holds the token's secret, which is never stored: no replay.
  @IdempotencyKeyIgnored()
  @ApiOperation({
    summary: 'Create an API token for scripts (the secret is shown once)',
    operationId: 'createApiToken',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiProblems(400)
  createToken(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateApiTokenDto,
    @ChangeContext() context: WriteContext,
  ): Promise<CreatedApiTokenDto> {
    return this.auth.createToken(actor, dto, context);
  }

  @Get('tokens')
  @Access(ALL_ROLES, 'self')
  @ApiOperation({ summary: 'Your API tokens (never their secrets)', operationId: 'listApiTokens' })
  @ApiOkResponse({ type: ApiTokenListDto })
  listTokens(@CurrentActor() actor: Actor): Promise<ApiTokenListDto> {
    return this.auth.listTokens(actor);
  }

  @Delete('tokens/:id')
  @Access(ALL_ROLES, 'self')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke an API token (yours; admins: anyone’s)',
    operationId: 'revokeApiToken',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  revokeToken(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam()) id: string,
    @ChangeContext() context: WriteContext,
  ): Promise<void> {
    return this.auth.revokeToken(actor, id, context);
  }
}
