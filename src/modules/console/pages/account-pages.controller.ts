import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { ConsoleAccessAs } from '../../auth/console-access';
import {
  type NotificationSettingsDto,
  PutNotificationSettingsDto,
} from '../../notifications/dto/notification-settings.dto';
import { EMAIL_CHOICES, NOTIFICATION_LANGUAGES } from '../../notifications/notification-kinds';
import { NotificationSettingsController } from '../../notifications/notification-settings.controller';
import { NotificationSettingsService } from '../../notifications/notification-settings.service';
import { UsersService } from '../../users/users.service';
import { ConsoleQueries } from '../console-queries';
import { actorOf, formContext, localeOf, redirectTo, renderPage } from '../console-view';
import type { LocaleText } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages-en';
import { type FieldErrors, postedForm, textField, validateAs, versionField } from '../form-input';
import type { ConflictView } from '../record-form';

interface SettingsValues {
  readonly email: string;
  readonly language: string;
}

/** The signed-in user's own page: who they are, and how they want to be notified. */
@Controller('account')
export class AccountPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly settings: NotificationSettingsService,
    private readonly queries: ConsoleQueries,
  ) {}

  @Get()
  @ConsoleAccessAs(NotificationSettingsController, 'get')
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const saved = await this.settings.get(actorOf(request).userId);
    await this.render(request, reply, saved, saved.version);
  }

  @Post('notification-settings')
  @ConsoleAccessAs(NotificationSettingsController, 'put')
  async save(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = postedForm(request);
    const actor = actorOf(request);
    const typed = { email: textField(form, 'email'), language: textField(form, 'language') };
    const version = versionField(form);
    const input = await validateAs(PutNotificationSettingsDto, {
      ...typed,
      version: version ?? textField(form, 'version'),
    });
    if (input.errors) {
      await this.render(request, reply, typed, version ?? 0, input.errors, null, 400);
      return;
    }
    try {
      await this.settings.put(
        actor.userId,
        input.value,
        input.value.version ?? 0,
        formContext(request, form),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'precondition_failed') throw error;
      // Saved meanwhile (another window): show both, keep the choice typed, at the new version.
      const saved = await this.settings.get(actor.userId);
      const conflict = settingsConflict(saved, typed, localeOf(request));
      await this.render(request, reply, typed, saved.version, {}, conflict, 412);
      return;
    }
    await redirectTo(reply, '/account?flash=saved');
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    values: SettingsValues,
    version: number,
    errors: FieldErrors = {},
    conflict: ConflictView | null = null,
    status = 200,
  ): Promise<void> {
    const actor = actorOf(request);
    const user = await this.users.get(actor.userId);
    const country = user.countryCode ? await this.queries.country(user.countryCode) : null;
    await renderPage(
      request,
      reply,
      'desk/account',
      {
        user,
        country,
        values,
        version,
        errors,
        conflict,
        emailChoices: EMAIL_CHOICES,
        languages: NOTIFICATION_LANGUAGES,
      },
      status,
    );
  }
}

/** The choices saved meanwhile beside the user's own, in words. */
function settingsConflict(
  saved: NotificationSettingsDto,
  typed: SettingsValues,
  text: LocaleText,
): ConflictView {
  const keys = ['email', 'language'] as const;
  const words = (key: (typeof keys)[number], value: string) =>
    text.t(`account.${key}.${value}` as MessageKey);
  return {
    rows: keys
      .filter((key) => saved[key] !== typed[key])
      .map((key) => ({
        field: key,
        label: text.t(`account.${key}`),
        saved: words(key, saved[key]),
        yours: words(key, typed[key]),
      })),
    changes: [],
  };
}
