import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VersionedEntity } from '../../database/versioned-entity';
import { CurrencyEntity } from './currency.entity';

/** ISO 3166-1 country, keyed by alpha-2, with its ASEAN standing. */
@Entity({ schema: 'registry', name: 'country' })
export class CountryEntity extends VersionedEntity {
  @PrimaryColumn({
    type: 'char',
    length: 2,
    name: 'code',
    primaryKeyConstraintName: 'country_pkey',
  })
  code!: string;

  @Index('country_alpha3_key', { unique: true })
  @Column({ type: 'char', length: 3, name: 'alpha3' })
  alpha3!: string;

  @Index('country_numeric_key', { unique: true })
  @Column({ type: 'char', length: 3, name: 'numeric' })
  numeric!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Column({ type: 'text', name: 'name_official' })
  nameOfficial!: string;

  @Column({ type: 'text', name: 'name_zh', nullable: true })
  nameZh!: string | null;

  @Index('country_currency_code_idx')
  @Column({ type: 'char', length: 3, name: 'currency_code', nullable: true })
  currencyCode!: string | null;

  @ManyToOne(() => CurrencyEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'currency_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'country_currency_code_fkey',
  })
  currency?: CurrencyEntity;

  /** Date of ASEAN accession; null for non-members. */
  @Column({ type: 'date', name: 'asean_member_since', nullable: true })
  aseanMemberSince!: string | null;

  /** China: the other side of every Two Countries Twin Parks pairing (a partner, not a member). */
  @Column({ type: 'boolean', name: 'twin_parks_partner', default: false })
  twinParksPartner!: boolean;
}
