import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Source } from '../../common/sources/source';
import { VersionedEntity } from '../../database/versioned-entity';
import { CountryEntity } from '../countries/country.entity';
import { INVESTOR_TYPES, type InvestorType } from './investor-enums';

/** A registry identifier of an organisation, e.g. `{ scheme: "LEI", value: "5493..." }`. */
export interface InvestorIdentifier {
  scheme: string;
  value: string;
}

@Entity({ schema: 'registry', name: 'investor' })
@Check('investor_type_check', `"type" IN (${INVESTOR_TYPES.map((t) => `'${t}'`).join(', ')})`)
@Index('investor_country_name_idx', ['countryCode', 'name', 'id'])
@Index('investor_name_idx', ['name', 'id'])
// Unique (country, normalised name) among live investors, and the trigram search index: both
// are expression indexes declared in the migration only.
@Index('investor_name_key', { synchronize: false })
@Index('investor_search_idx', { synchronize: false })
export class InvestorEntity extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'investor_pkey' })
  id!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Column({ type: 'text', name: 'name_zh', nullable: true })
  nameZh!: string | null;

  @Column({ type: 'text', name: 'name_local', nullable: true })
  nameLocal!: string | null;

  /** Home country. */
  @Column({ type: 'char', length: 2, name: 'country_code' })
  countryCode!: string;

  @ManyToOne(() => CountryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'country_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'investor_country_code_fkey',
  })
  country?: CountryEntity;

  @Index('investor_type_idx')
  @Column({ type: 'text', name: 'type', nullable: true })
  type!: InvestorType | null;

  @Column({ type: 'text', name: 'website', nullable: true })
  website!: string | null;

  @Column({ type: 'jsonb', name: 'identifiers', default: () => "'[]'" })
  identifiers!: InvestorIdentifier[];

  @Column({ type: 'text', name: 'description', nullable: true })
  description!: string | null;

  @Column({ type: 'text', name: 'note', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', name: 'sources', default: () => "'[]'" })
  sources!: Source[];

  @Column({ type: 'timestamptz', name: 'archived_at', nullable: true })
  archivedAt!: Date | null;
}
