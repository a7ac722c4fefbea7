import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { IndustryEntity } from '../industries/industry.entity';
import { InvestorEntity } from '../investors/investor.entity';
import { INVESTOR_ROLES, type InvestorRole } from './project-enums';
import { ProjectEntity } from './project.entity';

/** A project's share in one ISIC sector; a project's percentages sum to 100. */
@Entity({ schema: 'registry', name: 'project_sector' })
@Check('project_sector_percentage_check', `"percentage" > 0 AND "percentage" <= 100`)
@Index('project_sector_project_id_industry_code_key', ['projectId', 'industryCode'], {
  unique: true,
})
@Index('project_sector_industry_code_idx', ['industryCode', 'projectId'])
export class ProjectSectorEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'project_sector_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'project_id' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'project_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'project_sector_project_id_fkey',
  })
  project?: ProjectEntity;

  @Column({ type: 'text', name: 'industry_code' })
  industryCode!: string;

  @ManyToOne(() => IndustryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'industry_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'project_sector_industry_code_fkey',
  })
  industry?: IndustryEntity;

  /** Two decimals, as a string: "60.00". */
  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'percentage' })
  percentage!: string;
}

/** An investor's part in a project. */
@Entity({ schema: 'registry', name: 'project_investor' })
@Check(
  'project_investor_role_check',
  `"role" IN (${INVESTOR_ROLES.map((r) => `'${r}'`).join(', ')})`,
)
@Check('project_investor_share_pct_check', `"share_pct" > 0 AND "share_pct" <= 100`)
@Index('project_investor_project_id_investor_id_key', ['projectId', 'investorId'], { unique: true })
@Index('project_investor_investor_id_idx', ['investorId', 'projectId'])
export class ProjectInvestorEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'project_investor_pkey' })
  id!: string;

  @Column({ type: 'uuid', name: 'project_id' })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'project_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'project_investor_project_id_fkey',
  })
  project?: ProjectEntity;

  @Column({ type: 'uuid', name: 'investor_id' })
  investorId!: string;

  @ManyToOne(() => InvestorEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'investor_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'project_investor_investor_id_fkey',
  })
  investor?: InvestorEntity;

  @Column({ type: 'text', name: 'role' })
  role!: InvestorRole;

  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'share_pct', nullable: true })
  sharePct!: string | null;
}
