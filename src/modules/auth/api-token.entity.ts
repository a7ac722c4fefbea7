import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/** A named, expiring, revocable credential for scripts. Only its SHA-256 is stored. */
@Entity({ schema: 'registry', name: 'api_token' })
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'api_token_pkey' })
  id!: string;

  @Index('api_token_user_id_idx')
  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'user_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'api_token_user_id_fkey',
  })
  user?: UserEntity;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Index('api_token_token_hash_key', { unique: true })
  @Column({ type: 'text', name: 'token_hash' })
  tokenHash!: string;

  /** The first characters of the token, to tell tokens apart in lists. */
  @Column({ type: 'text', name: 'token_prefix' })
  tokenPrefix!: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  /** Bookkeeping written on use (at most once a minute); the audit trigger will ignore it. */
  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
