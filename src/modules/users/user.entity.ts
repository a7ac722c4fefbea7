import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { VersionedEntity } from '../../database/versioned-entity';
import { CountryEntity } from '../countries/country.entity';
import type { Role } from './roles';

@Entity({ schema: 'registry', name: 'app_user' })
@Check('app_user_role_check', `"role" IN ('admin', 'officer', 'reviewer', 'analyst')`)
@Check(
  'app_user_country_scope_check',
  `("role" IN ('officer', 'reviewer')) = ("country_code" IS NOT NULL)`,
)
@Check('app_user_email_lower_check', `"email" = lower("email")`)
export class UserEntity extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'app_user_pkey' })
  id!: string;

  /** Stored lower-case; unique. */
  @Index('app_user_email_key', { unique: true })
  @Column({ type: 'text', name: 'email' })
  email!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Index('app_user_role_idx')
  @Column({ type: 'text', name: 'role' })
  role!: Role;

  @Index('app_user_country_code_idx')
  @Column({ type: 'char', length: 2, name: 'country_code', nullable: true })
  countryCode!: string | null;

  @ManyToOne(() => CountryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'country_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'app_user_country_code_fkey',
  })
  country?: CountryEntity;

  /** scrypt hash (see password.ts); never leaves the users module. */
  @Column({ type: 'text', name: 'password_hash' })
  passwordHash!: string;

  @Column({ type: 'boolean', name: 'active', default: true })
  active!: boolean;
}
