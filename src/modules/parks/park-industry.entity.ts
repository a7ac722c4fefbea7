import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IndustryEntity } from '../industries/industry.entity';
import { ParkEntity } from './park.entity';

/** A park's focus industry (ISIC code at any level); at most one per park is primary. */
@Entity({ schema: 'registry', name: 'park_industry' })
@Index('park_industry_park_id_industry_code_key', ['parkId', 'industryCode'], { unique: true })
@Index('park_industry_industry_code_idx', ['industryCode', 'parkId'])
// Unique (park_id) WHERE is_primary; partial indexes are declared in the migration only.
@Index('park_industry_primary_key', { synchronize: false })
export class ParkIndustryEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'park_industry_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'park_id' })
  parkId!: string;

  @ManyToOne(() => ParkEntity, (park) => park.industries, {
    onDelete: 'CASCADE',
    onUpdate: 'NO ACTION',
  })
  @JoinColumn({
    name: 'park_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'park_industry_park_id_fkey',
  })
  park?: ParkEntity;

  @Column({ type: 'text', name: 'industry_code' })
  industryCode!: string;

  @ManyToOne(() => IndustryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'industry_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'park_industry_industry_code_fkey',
  })
  industry?: IndustryEntity;

  @Column({ type: 'boolean', name: 'is_primary', default: false })
  isPrimary!: boolean;
}
