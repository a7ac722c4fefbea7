import { Injectable } from '@nestjs/common';
import { staleVersion } from '../../common/http/expected-version';
import { AuditedTransactions, type WriteContext } from '../../database/audited-transactions';
import type { Page } from '../../common/pagination/keyset';
import { AuditService } from '../audit/audit.service';
import { RecordHistory } from '../audit/record-history';
import { ActiveUserCache } from './active-user-cache';
import { UserEntity } from './user.entity';
import type { ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import type { Actor } from '../auth/actor';
import {
  type CreateUserDto,
  type ListUsersQueryDto,
  toUserResponse,
  type UpdateUserDto,
  type UserResponseDto,
} from './dto/user.dto';
import { hashPassword, passwordPolicyViolation } from './password';
import { isCountryScoped, type Role } from './roles';
import { type UserChanges, UsersRepository } from './users.repository';
import {
  countryRefused,
  countryRequired,
  ownRoleChange,
  userNotFound,
  weakPassword,
} from './users.errors';

/** A role and a country go together: officers and reviewers need one, others must have none. */
function checkScope(role: Role, countryCode: string | null): void {
  if (isCountryScoped(role) && !countryCode) throw countryRequired();
  if (!isCountryScoped(role) && countryCode) throw countryRefused();
}

/** What an admin may edit, and so what a revert may put back (never the password hash). */
const REVERTABLE = ['name', 'role', 'countryCode', 'active'] as const;

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly transactions: AuditedTransactions,
    private readonly audit: AuditService,
    private readonly records: RecordHistory,
    private readonly activeUsers: ActiveUserCache,
  ) {}

  async create(dto: CreateUserDto, context: WriteContext): Promise<UserResponseDto> {
    const countryCode = dto.countryCode ?? null;
    checkScope(dto.role, countryCode);
    const violation = passwordPolicyViolation(dto.password, dto.email);
    if (violation) throw weakPassword(violation);
    const passwordHash = await hashPassword(dto.password);
    const user = await this.transactions.run(context, (manager) =>
      this.users.insert(manager, {
        email: dto.email.toLowerCase(),
        name: dto.name,
        role: dto.role,
        countryCode,
        passwordHash,
      }),
    );
    return toUserResponse(user);
  }

  async list(query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const page = await this.users.listPage(query, query);
    return { items: page.items.map(toUserResponse), nextCursor: page.nextCursor };
  }

  /** The user now, or as it was at `asOf`. */
  async get(id: string, asOf?: string): Promise<UserResponseDto> {
    if (!asOf) return toUserResponse(await this.require(id));
    const user = await this.records.asOf(UserEntity, id, asOf);
    if (!user) throw userNotFound(id);
    return toUserResponse(user);
  }

  async update(
    id: string,
    dto: UpdateUserDto,
    version: number,
    actor: Actor,
    context: WriteContext,
  ): Promise<UserResponseDto> {
    const current = await this.require(id);
    const changesRole = dto.role !== undefined && dto.role !== current.role;
    if (id === actor.userId && (changesRole || dto.active === false)) throw ownRoleChange();

    const role = dto.role ?? current.role;
    // Moving to a role without a country drops the country unless the request says otherwise.
    const countryCode =
      dto.countryCode !== undefined
        ? dto.countryCode
        : isCountryScoped(role)
          ? current.countryCode
          : null;
    checkScope(role, countryCode);

    const changes: UserChanges = {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(dto.active !== undefined ? { active: dto.active } : {}),
      role,
      countryCode,
    };
    const updated = await this.transactions.run(context, (manager) =>
      this.users.updateAtVersion(manager, id, version, changes),
    );
    if (!updated) throw staleVersion('user', (await this.require(id)).version);
    // This instance at once; the others when the trigger's notification reaches them.
    this.activeUsers.forget(id);
    return toUserResponse(updated);
  }

  /**
   * Undoes one earlier change as a new change, through the same rules as an edit (an admin
   * cannot revert their own role, a role keeps its country scope). The hash is never restored.
   */
  async revert(
    id: string,
    changeId: string,
    actor: Actor,
    context: WriteContext,
  ): Promise<UserResponseDto> {
    await this.require(id);
    const plan = await this.records.planRevert(UserEntity, id, changeId, REVERTABLE);
    return this.update(id, plan.changes, plan.version, actor, context);
  }

  async history(id: string, query: HistoryQueryDto): Promise<ChangePageDto> {
    await this.require(id);
    return this.audit.history('app_user', id, query);
  }

  /**
   * For the access guard: the user behind a credential, if still active. Served from the
   * instance's cache while user-change notifications arrive (see ActiveUserCache).
   */
  async findActive(id: string): Promise<UserEntity | null> {
    const cached = this.activeUsers.get(id);
    if (cached) return cached;
    const generation = this.activeUsers.generation;
    const user = await this.users.findById(id);
    if (!user?.active) return null;
    this.activeUsers.remember(user, generation);
    return user;
  }

  /** For sign-in only: includes the password hash, never leaves the auth module. */
  findForLogin(email: string): Promise<UserEntity | null> {
    return this.users.findByEmail(email);
  }

  count(): Promise<number> {
    return this.users.count();
  }

  private async require(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw userNotFound(id);
    return user;
  }
}
