import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, type Repository } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';

/** Reads use the repository; writes take the audited transaction's manager. */
@Injectable()
export class ApiTokensRepository {
  constructor(
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
  ) {}

  /** A token that is neither revoked nor expired. */
  findUsable(tokenHash: string): Promise<ApiTokenEntity | null> {
    return this.tokens
      .createQueryBuilder('token')
      .where('token.token_hash = :tokenHash', { tokenHash })
      .andWhere('token.revoked_at IS NULL')
      .andWhere('token.expires_at > now()')
      .getOne();
  }

  async insert(
    manager: EntityManager,
    token: Pick<ApiTokenEntity, 'userId' | 'name' | 'tokenHash' | 'tokenPrefix' | 'expiresAt'>,
  ): Promise<ApiTokenEntity> {
    const tokens = manager.getRepository(ApiTokenEntity);
    const saved = await tokens.save(tokens.create(token));
    return (await tokens.findOneBy({ id: saved.id }))!;
  }

  listForUser(userId: string): Promise<ApiTokenEntity[]> {
    return this.tokens.find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Revokes a token of `userId` (any user's when null); false when there is none to revoke. */
  async revoke(manager: EntityManager, id: string, userId: string | null): Promise<boolean> {
    const result = await manager
      .getRepository(ApiTokenEntity)
      .update(
        { id, revokedAt: IsNull(), ...(userId ? { userId } : {}) },
        { revokedAt: () => 'now()' },
      );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Bookkeeping, at most once a minute per token. The audit trigger ignores this column, so
   * using a token never writes history.
   */
  async touch(manager: EntityManager, id: string): Promise<void> {
    await manager
      .getRepository(ApiTokenEntity)
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: () => 'now()' })
      .where(`id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, {
        id,
      })
      .execute();
  }
}
