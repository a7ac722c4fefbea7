import { IfMatch } from '../../common/http/if-match.decorator';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../../common/validation/uuid-param.pipe';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { expectedVersion } from '../../common/http/expected-version';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import type { WriteContext } from '../../database/audited-transactions';
import { Access, CurrentActor } from '../auth/access.decorator';
import { ChangeContext } from '../auth/change-context.decorator';
import type { Actor } from '../auth/actor';
import {
  CreateUserDto,
  ListUsersQueryDto,
  UpdateUserDto,
  UserPageDto,
  UserResponseDto,
} from './dto/user.dto';
import { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { AsOfQueryDto, RevertDto } from '../audit/dto/record-history.dto';
import { requireReason } from '../audit/record-history';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Access(['admin'])
  @ApiOperation({ summary: 'Create a user (admin)', operationId: 'createUser' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiProblems(400, 409)
  create(
    @Body() dto: CreateUserDto,
    @ChangeContext() context: WriteContext,
  ): Promise<UserResponseDto> {
    return this.users.create(dto, context);
  }

  @Get()
  @Access(['admin'])
  @ApiOperation({ summary: 'List users (admin)', operationId: 'listUsers' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400)
  list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @Access(['admin'])
  @ApiOperation({
    summary: 'Get a user (admin), now or as it was at ?asOf=',
    operationId: 'getUser',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems(400, 404)
  get(
    @Param('id', UuidParam()) id: string,
    @Query() query: AsOfQueryDto,
  ): Promise<UserResponseDto> {
    return this.users.get(id, query.asOf);
  }

  @Patch(':id')
  @Access(['admin'])
  @ApiOperation({
    summary: 'Change a user’s name, role, country or active flag (admin; If-Match required)',
    operationId: 'updateUser',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems(400, 404, 412, 422, 428)
  update(
    @Param('id', UuidParam()) id: string,
    @Body() dto: UpdateUserDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<UserResponseDto> {
    return this.users.update(id, dto, expectedVersion(ifMatch, dto.version), actor, context);
  }

  @Post(':id/revert')
  @Access(['admin'])
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo one earlier change as a new change (admin; X-Change-Reason required; 409 when a later change touched the same fields)',
    operationId: 'revertUser',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems(400, 404, 409, 412, 422, 428)
  revert(
    @Param('id', UuidParam()) id: string,
    @Body() dto: RevertDto,
    @CurrentActor() actor: Actor,
    @ChangeContext() context: WriteContext,
  ): Promise<UserResponseDto> {
    return this.users.revert(id, dto.changeId, actor, requireReason(context));
  }

  @Get(':id/history')
  @Access(['admin'])
  @ApiOperation({
    summary: 'Changes to a user (admin; hashes redacted)',
    operationId: 'userHistory',
  })
  @ApiOkResponse({ type: ChangePageDto })
  @ApiProblems(400, 404)
  history(
    @Param('id', UuidParam()) id: string,
    @Query() query: HistoryQueryDto,
  ): Promise<ChangePageDto> {
    return this.users.history(id, query);
  }
}
