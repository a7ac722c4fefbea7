import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CountryEntity } from '../countries/country.entity';
import { IndustryEntity } from '../industries/industry.entity';
import { ParkEntity } from '../parks/park.entity';
import { UserEntity } from '../users/user.entity';
import { DECISIONS, type Decision } from './pairing-enums';
import { PairingEntity } from './pairing.entity';

/** A park on one side of a pairing; the side is the park's country. */
@Entity({ schema: 'registry', name: 'pairing_park' })
@Index('pairing_park_pairing_id_park_id_key', ['pairingId', 'parkId'], { unique: true })
@Index('pairing_park_park_id_idx', ['parkId', 'pairingId'])
@Index('pairing_park_country_code_idx', ['countryCode', 'pairingId'])
export class PairingParkEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pairing_park_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'pairing_id' })
  pairingId!: string;

  @ManyToOne(() => PairingEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'pairing_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'pairing_park_pairing_id_fkey',
  })
  pairing?: PairingEntity;

  @Column({ type: 'uuid', name: 'park_id' })
  parkId!: string;

  @ManyToOne(() => ParkEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'park_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'pairing_park_park_id_fkey',
  })
  park?: ParkEntity;

  @Column({ type: 'char', length: 2, name: 'country_code' })
  countryCode!: string;

  @ManyToOne(() => CountryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'country_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'pairing_park_country_code_fkey',
  })
  country?: CountryEntity;
}

/** A cooperation industry of a pairing. */
@Entity({ schema: 'registry', name: 'pairing_industry' })
@Index('pairing_industry_pairing_id_industry_code_key', ['pairingId', 'industryCode'], {
  unique: true,
})
@Index('pairing_industry_industry_code_idx', ['industryCode', 'pairingId'])
export class PairingIndustryEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pairing_industry_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'pairing_id' })
  pairingId!: string;

  @ManyToOne(() => PairingEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'pairing_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'pairing_industry_pairing_id_fkey',
  })
  pairing?: PairingEntity;

  @Column({ type: 'text', name: 'industry_code' })
  industryCode!: string;

  @ManyToOne(() => IndustryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'industry_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'pairing_industry_industry_code_fkey',
  })
  industry?: IndustryEntity;
}

/** One side's decision in one review round. */
@Entity({ schema: 'registry', name: 'pairing_review' })
@Check(
  'pairing_review_decision_check',
  `"decision" IN (${DECISIONS.map((d) => `'${d}'`).join(', ')})`,
)
@Index('pairing_review_round_side_key', ['pairingId', 'round', 'countryCode'], { unique: true })
export class PairingReviewEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pairing_review_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'pairing_id' })
  pairingId!: string;

  @ManyToOne(() => PairingEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'pairing_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'pairing_review_pairing_id_fkey',
  })
  pairing?: PairingEntity;

  @Column({ type: 'integer', name: 'round' })
  round!: number;

  /** The side decided for: the reviewer's country. */
  @Column({ type: 'char', length: 2, name: 'country_code' })
  countryCode!: string;

  @ManyToOne(() => CountryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'country_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'pairing_review_country_code_fkey',
  })
  country?: CountryEntity;

  @Column({ type: 'text', name: 'decision' })
  decision!: Decision;

  @Column({ type: 'text', name: 'comment', nullable: true })
  comment!: string | null;

  @Column({ type: 'uuid', name: 'reviewer_id' })
  reviewerId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'reviewer_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'pairing_review_reviewer_id_fkey',
  })
  reviewer?: UserEntity;

  @Column({ type: 'timestamptz', name: 'decided_at', default: () => 'now()' })
  decidedAt!: Date;
}
