import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export const INDUSTRY_LEVELS = ['section', 'division', 'group', 'class'] as const;
export type IndustryLevel = (typeof INDUSTRY_LEVELS)[number];

/**
 * ISIC Rev.4 entry (section `C`, division `26`, group `261`, class `2610`). `scheme` leaves room
 * for ISIC Rev.5 with a concordance later.
 */
@Entity({ schema: 'registry', name: 'industry' })
@Check('industry_level_check', `"level" IN ('section', 'division', 'group', 'class')`)
@Check('industry_scheme_check', `"scheme" = 'ISIC4'`)
export class IndustryEntity {
  @PrimaryColumn({ type: 'text', name: 'code', primaryKeyConstraintName: 'industry_pkey' })
  code!: string;

  @Column({ type: 'text', name: 'scheme', default: 'ISIC4' })
  scheme!: string;

  @Index('industry_level_idx')
  @Column({ type: 'text', name: 'level' })
  level!: IndustryLevel;

  @Index('industry_parent_code_idx')
  @Column({ type: 'text', name: 'parent_code', nullable: true })
  parentCode!: string | null;

  @ManyToOne(() => IndustryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({
    name: 'parent_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'industry_parent_code_fkey',
  })
  parent?: IndustryEntity;

  /** The section letter every entry belongs to; descendants of a section share it. */
  @Index('industry_section_idx')
  @Column({ type: 'char', length: 1, name: 'section' })
  section!: string;

  @Column({ type: 'text', name: 'title' })
  title!: string;

  /** Section letter followed by the numeric code: sorts the tree depth-first (A, A01, A011...). */
  @Index('industry_sort_key_key', { unique: true })
  @Column({ type: 'text', name: 'sort_key' })
  sortKey!: string;
}
