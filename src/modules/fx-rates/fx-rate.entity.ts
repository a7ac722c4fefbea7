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
import { CurrencyEntity } from '../countries/currency.entity';

/** US dollars per unit of a currency on a date. */
@Entity({ schema: 'registry', name: 'fx_rate' })
@Check('fx_rate_usd_per_unit_check', `"usd_per_unit" > 0`)
// US dollar amounts need no rate (they are their own USD amount).
@Check('fx_rate_not_usd_check', `"currency_code" <> 'USD'`)
@Index('fx_rate_currency_code_rate_date_key', ['currencyCode', 'rateDate'], { unique: true })
@Index('fx_rate_rate_date_idx', ['rateDate', 'id'])
export class FxRateEntity extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'fx_rate_pkey' })
  id!: string;

  @Column({ type: 'char', length: 3, name: 'currency_code' })
  currencyCode!: string;

  @ManyToOne(() => CurrencyEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'currency_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'fx_rate_currency_code_fkey',
  })
  currency?: CurrencyEntity;

  @Column({ type: 'date', name: 'rate_date' })
  rateDate!: string;

  /** Exact decimal string, e.g. "0.3050". */
  @Column({ type: 'numeric', precision: 24, scale: 10, name: 'usd_per_unit' })
  usdPerUnit!: string;

  @Column({ type: 'text', name: 'source' })
  source!: string;
}
