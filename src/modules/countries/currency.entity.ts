import { Column, Entity, PrimaryColumn } from 'typeorm';

/** ISO 4217 currency; minor units decide how money is rounded for display (VND has none). */
@Entity({ schema: 'registry', name: 'currency' })
export class CurrencyEntity {
  @PrimaryColumn({
    type: 'char',
    length: 3,
    name: 'code',
    primaryKeyConstraintName: 'currency_pkey',
  })
  code!: string;

  @Column({ type: 'char', length: 3, name: 'numeric' })
  numeric!: string;

  @Column({ type: 'smallint', name: 'minor_units' })
  minorUnits!: number;

  @Column({ type: 'text', name: 'name' })
  name!: string;
}
