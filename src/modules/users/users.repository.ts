import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { constraintViolation } from '../../database/constraint-errors';
import { containsPattern } from '../../common/pagination/like-pattern';
import {
  keysetPage,
  type Page,
  type PageRequest,
  type SortSpec,
} from '../../common/pagination/keyset';
import type { Role } from './roles';
import { UserEntity } from './user.entity';
import { emailTaken, unknownCountry } from './users.errors';

export interface UserFilter {
  readonly role?: Role;
  readonly country?: string;
  readonly active?: boolean;
  readonly q?: string;
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly countryCode: string | null;
  readonly passwordHash: string;
}

export type UserChanges = Partial<Pick<UserEntity, 'name' | 'role' | 'countryCode' | 'active'>>;

const SORTS: SortSpec<UserEntity> = {
  keys: {
    email: { sql: 'app_user.email', value: (u) => u.email },
    name: { sql: 'app_user.name', value: (u) => u.name },
    createdAt: { sql: 'app_user.created_at', value: (u) => u.createdAt.toISOString() },
  },
  tieBreaker: { sql: 'app_user.id', value: (u) => u.id },
  defaultSort: 'email',
};

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /** Writes run inside an audited transaction: they take its manager. */
  async insert(manager: EntityManager, user: NewUser): Promise<UserEntity> {
    const users = manager.getRepository(UserEntity);
    try {
      const { generatedMaps } = await users
        .createQueryBuilder()
        .insert()
        .values(user)
        .returning('id')
        .execute();
      return (await users.findOneBy({ id: String(generatedMaps[0]?.id) }))!;
    } catch (error) {
      throw this.translate(error, user.email, user.countryCode);
    }
  }

  /** Applies the changes only if the row is still at `version`; null when it is not. */
  async updateAtVersion(
    manager: EntityManager,
    id: string,
    version: number,
    changes: UserChanges,
  ): Promise<UserEntity | null> {
    const users = manager.getRepository(UserEntity);
    try {
      const result = await users
        .createQueryBuilder()
        .update()
        .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
        .where('id = :id AND version = :version', { id, version })
        .execute();
      return result.affected ? users.findOneBy({ id }) : null;
    } catch (error) {
      throw this.translate(error, '', changes.countryCode ?? null);
    }
  }

  listPage(filter: UserFilter, page: PageRequest): Promise<Page<UserEntity>> {
    const query = this.users.createQueryBuilder('app_user');
    if (filter.role) query.andWhere('app_user.role = :role', { role: filter.role });
    if (filter.country)
      query.andWhere('app_user.country_code = :country', { country: filter.country });
    if (filter.active !== undefined)
      query.andWhere('app_user.active = :active', { active: filter.active });
    if (filter.q) {
      query.andWhere(
        '(app_user.email LIKE lower(:pattern) OR registry.search_fold(app_user.name) LIKE registry.search_fold(:pattern))',
        { pattern: containsPattern(filter.q) },
      );
    }
    return keysetPage(query, SORTS, page);
  }

  private translate(error: unknown, email: string, countryCode: string | null): unknown {
    const violation = constraintViolation(error);
    if (violation?.constraint === 'app_user_email_key') return emailTaken(email);
    if (violation?.constraint === 'app_user_country_code_fkey')
      return unknownCountry(countryCode ?? '');
    return error;
  }
}
