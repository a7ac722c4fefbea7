import { Column } from 'typeorm';

/**
 * Columns every mutable registry record has: an integer `version` that PATCH and DELETE must
 * match (If-Match), and creation and update instants.
 */
export abstract class VersionedEntity {
  @Column({ type: 'integer', name: 'version', default: 1 })
  version!: number;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
