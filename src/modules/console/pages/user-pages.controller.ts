import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { UuidParam } from '../../../common/validation/uuid-param.pipe';
import { ConsoleAccessAs } from '../../auth/console-access';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from '../../users/dto/user.dto';
import { ROLES } from '../../users/roles';
import { UsersController } from '../../users/users.controller';
import { UsersService } from '../../users/users.service';
import { ConsoleQueries } from '../console-queries';
import { actorOf, formContext, redirectTo, renderPage } from '../console-view';
import {
  type FieldErrors,
  fieldErrorsOf,
  postedForm,
  textField,
  validateAs,
  versionField,
} from '../form-input';
import { listInput, listState } from '../list-page';

/** Users, for admins: list, add, activate and deactivate. */
@Controller('users')
export class UserPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly queries: ConsoleQueries,
  ) {}

  @Get()
  @ConsoleAccessAs(UsersController, 'list')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.render(request, reply, {}, {});
  }

  @Post()
  @ConsoleAccessAs(UsersController, 'create')
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = postedForm(request);
    const values = {
      email: textField(form, 'email'),
      name: textField(form, 'name'),
      role: textField(form, 'role'),
      countryCode: textField(form, 'countryCode'),
    };
    const input = await validateAs(CreateUserDto, {
      ...values,
      password: typeof form.password === 'string' ? form.password : '',
      countryCode: values.countryCode || null,
    });
    if (input.errors) {
      await this.render(request, reply, values, input.errors, 400);
      return;
    }
    try {
      await this.users.create(input.value, formContext(request, form));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      await this.render(request, reply, values, fieldErrorsOf(error), 400);
      return;
    }
    await redirectTo(reply, '/users?flash=created');
  }

  @Post(':id/active')
  @ConsoleAccessAs(UsersController, 'update')
  async setActive(
    @Param('id', UuidParam()) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = postedForm(request);
    const input = await validateAs(UpdateUserDto, { active: textField(form, 'active') === 'true' });
    const version = versionField(form) ?? 0;
    if (input.value) {
      try {
        await this.users.update(
          id,
          input.value,
          version,
          actorOf(request),
          formContext(request, form),
        );
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
        await this.render(
          request,
          reply,
          {},
          fieldErrorsOf(error),
          error.kind === 'precondition_failed' ? 412 : 400,
        );
        return;
      }
    }
    await redirectTo(reply, '/users?flash=saved');
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ): Promise<void> {
    const input = request.method === 'GET' ? listInput(request) : {};
    const query = await validateAs(ListUsersQueryDto, input);
    const page = query.value ? await this.users.list(query.value) : { items: [], nextCursor: null };
    await renderPage(
      request,
      reply,
      'users/list',
      {
        users: page.items,
        ...listState(request, page.nextCursor),
        roles: ROLES,
        countries: await this.queries.partnerCountries(),
        values,
        errors: { ...(query.errors ?? {}), ...errors },
        self: actorOf(request).userId,
      },
      query.errors ? 400 : status,
    );
  }
}
