import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { ApiTokenEntity } from './api-token.entity';

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
    token: Pick<ApiTokenEntity, 'userId' | 'name' | 'tokenHash' | 'tokenPrefix' | 'expiresAt'>,
  ): Promise<ApiTokenEntity> {
    const saved = await this.tokens.save(this.tokens.create(token));
    return (await this.tokens.findOneBy({ id: saved.id }))!;
  }

  listForUser(userId: string): Promise<ApiTokenEntity[]> {
    return this.tokens.find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Revokes a token of `userId` (any user's when null); false when there is none to revoke. */
  async revoke(id: string, userId: string | null): Promise<boolean> {
    const result = await this.tokens.update(
      { id, revokedAt: IsNull(), ...(userId ? { userId } : {}) },
      { revokedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Bookkeeping, at most once a minute per token so reads stay cheap. */
  async touch(id: string): Promise<void> {
    await this.tokens
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: () => 'now()' })
      .where(`id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, {
        id,
      })
      .execute();
  }
}
