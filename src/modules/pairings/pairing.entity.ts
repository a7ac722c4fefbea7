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
import { UserEntity } from '../users/user.entity';
import {
  PAIRING_STATUSES,
  type PairingStatus,
  REVIEW_STATES,
  type ReviewState,
} from './pairing-enums';

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** A Two Countries Twin Parks arrangement. Sides and industries are link rows. */
@Entity({ schema: 'registry', name: 'pairing' })
@Check('pairing_code_check', `"code" ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'`)
@Check('pairing_status_check', `"status" IN (${quoted(PAIRING_STATUSES)})`)
@Check('pairing_review_state_check', `"review_state" IN (${quoted(REVIEW_STATES)})`)
@Index('pairing_name_idx', ['name', 'id'])
export class PairingEntity extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pairing_pkey' })
  id!: string;

  @Index('pairing_code_key', { unique: true })
  @Column({ type: 'text', name: 'code' })
  code!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Column({ type: 'text', name: 'name_zh', nullable: true })
  nameZh!: string | null;

  @Column({ type: 'text', name: 'description', nullable: true })
  description!: string | null;

  @Column({ type: 'text', name: 'note', nullable: true })
  note!: string | null;

  @Column({ type: 'date', name: 'agreement_signed_on', nullable: true })
  agreementSignedOn!: string | null;

  @Column({ type: 'date', name: 'launched_on', nullable: true })
  launchedOn!: string | null;

  @Index('pairing_status_idx')
  @Column({ type: 'text', name: 'status' })
  status!: PairingStatus;

  @Index('pairing_review_state_idx')
  @Column({ type: 'text', name: 'review_state', default: 'draft' })
  reviewState!: ReviewState;

  /** 0 until first submitted; each submission starts the next round. */
  @Column({ type: 'integer', name: 'review_round', default: 0 })
  reviewRound!: number;

  @Column({ type: 'uuid', name: 'submitted_by', nullable: true })
  submittedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'submitted_by',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'pairing_submitted_by_fkey',
  })
  submitter?: UserEntity;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'jsonb', name: 'sources', default: () => "'[]'" })
  sources!: Source[];

  @Column({ type: 'timestamptz', name: 'archived_at', nullable: true })
  archivedAt!: Date | null;
}
