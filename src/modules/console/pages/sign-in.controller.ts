import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { ALL_ROLES } from '../../auth/access.decorator';
import { AuthService } from '../../auth/auth.service';
import { LoginDto } from '../../auth/dto/auth.dto';
import { ConsoleAccess, ConsolePublic, CONSOLE_SESSION_COOKIE } from '../../auth/console-access';
import { safeNext } from '../console-error-page';
import { CSRF_COOKIE } from '../console-http';
import { redirectTo, renderPage } from '../console-view';
import { formFields, postedForm, validateAs } from '../form-input';
import { isLocale, LOCALE_COOKIE } from '../i18n/locale';

const COOKIE_BASE = { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' } as const;

/** Sign in and out of the console, and the language switch. */
@Controller()
export class SignInController {
  constructor(private readonly auth: AuthService) {}

  @Get('sign-in')
  @ConsolePublic()
  async form(
    @Query('next') next: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await renderPage(request, reply, 'sign-in', { next: safeNext(next), email: '' });
  }

  @Post('sign-in')
  @ConsolePublic()
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = formFields(postedForm(request));
    const next = safeNext(form.next);
    const input = await validateAs(LoginDto, { email: form.email, password: form.password });
    const email = typeof form.email === 'string' ? form.email : '';
    if (input.errors) {
      await renderPage(request, reply, 'sign-in', { next, email, errors: input.errors }, 400);
      return;
    }
    try {
      // A session cookie the browser still held (another user's, say) ends here, not later.
      await this.auth.endConsoleSession(request.cookies[CONSOLE_SESSION_COOKIE]);
      // The same throttle as POST /api/v1/auth/login, sharing its counters (per account and
      // address); over a limit the error page says so, with Retry-After.
      const { secret } = await this.auth.startConsoleSession(
        input.value.email,
        input.value.password,
        request.ip,
      );
      void reply.setCookie(CONSOLE_SESSION_COOKIE, secret, COOKIE_BASE);
      // A new CSRF secret for the signed-in session (the next page issues it).
      void reply.clearCookie(CSRF_COOKIE, { path: '/' });
      await redirectTo(reply, next);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'unauthenticated') throw error;
      await renderPage(request, reply, 'sign-in', { next, email, failed: true }, 401);
    }
  }

  @Post('sign-out')
  @ConsoleAccess(ALL_ROLES)
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.auth.endConsoleSession(request.cookies[CONSOLE_SESSION_COOKIE]);
    void reply.clearCookie(CONSOLE_SESSION_COOKIE, { path: '/' });
    void reply.clearCookie(CSRF_COOKIE, { path: '/' });
    await redirectTo(reply, '/sign-in?flash=signedOut');
  }

  /** Choosing a language only sets a cookie: no server state changes, so a link will do. */
  @Get('language/:locale')
  @ConsolePublic()
  async language(
    @Param('locale') locale: string,
    @Query('next') next: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!isLocale(locale)) {
      throw new DomainError('not_found', 'LOCALE_NOT_FOUND', `No console language ${locale}.`);
    }
    void reply.setCookie(LOCALE_COOKIE, locale, {
      ...COOKIE_BASE,
      maxAge: 365 * 86_400,
    });
    await redirectTo(reply, safeNext(next));
  }
}
