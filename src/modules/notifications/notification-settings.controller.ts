import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { expectedVersion } from '../../common/http/expected-version';
import { IfMatch } from '../../common/http/if-match.decorator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import type { WriteContext } from '../../database/audited-transactions';
import { Access, ALL_ROLES, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { ChangeContext } from '../auth/change-context.decorator';
import {
  NotificationSettingsDto,
  PutNotificationSettingsDto,
} from './dto/notification-settings.dto';
import { NotificationSettingsService } from './notification-settings.service';

/**
 * The caller's own settings, at `users/me/...`. This lives here, not in UsersController, whose
 * routes are admin-only: every role must reach its own settings. It cannot collide with
 * `users/:id` (a single segment) or `users/:id/history`: Fastify's router matches the static
 * `me/notification-settings` before any parameter, whichever controller registers first.
 */
@ApiTags('notifications')
@Controller('users/me/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  @Access(ALL_ROLES, 'self')
  @ApiOperation({
    summary: 'Your notification settings: email (immediate, daily, none) and language',
    operationId: 'getNotificationSettings',
  })
  @ApiOkResponse({ type: NotificationSettingsDto })
  get(@CurrentActor() actor: Actor): Promise<NotificationSettingsDto> {
    return this.settings.get(actor.userId);
  }

  @Put()
  @Access(ALL_ROLES, 'self')
  @ApiOperation({
    summary:
      'Change your notification settings (If-Match or version required; escalations are always emailed)',
    operationId: 'putNotificationSettings',
  })
  @ApiOkResponse({ type: NotificationSettingsDto })
  @ApiProblems(400, 412, 428)
  put(
    @CurrentActor() actor: Actor,
    @Body() dto: PutNotificationSettingsDto,
    @IfMatch() ifMatch: string | undefined,
    @ChangeContext() context: WriteContext,
  ): Promise<NotificationSettingsDto> {
    return this.settings.put(actor.userId, dto, expectedVersion(ifMatch, dto.version), context);
  }
}
