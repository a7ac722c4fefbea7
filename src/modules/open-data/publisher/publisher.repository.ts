import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { rowsTouched } from '../../../database/rows-touched';

export interface PublisherRow {
  name: string;
  name_zh: string | null;
  org_id: string;
  org_type: string;
  org_type_name: string | null;
  licence_id: string;
  licence_url: string;
  version: number;
  updated_at: Date;
}

export interface PublisherValues {
  readonly name: string;
  readonly nameZh: string | null;
  readonly orgId: string;
  readonly orgType: string;
  readonly licenceId: string;
  readonly licenceUrl: string;
}

export interface RegistrationAgency {
  readonly code: string;
  readonly name: string;
  readonly withdrawn: boolean;
}

const VALUES = `name = $1, name_zh = $2, org_id = $3, org_type = $4, licence_id = $5, licence_url = $6`;
const params = (v: PublisherValues) => [
  v.name,
  v.nameZh,
  v.orgId,
  v.orgType,
  v.licenceId,
  v.licenceUrl,
];

/** registry.publisher: one audited row, and the IATI codelists it is checked against. */
@Injectable()
export class PublisherRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(manager?: EntityManager): Promise<PublisherRow | null> {
    const rows: PublisherRow[] = await (manager ?? this.db).query(
      `SELECT p.name, p.name_zh, p.org_id, p.org_type, t.name AS org_type_name, p.licence_id,
              p.licence_url, p.version, p.updated_at
         FROM registry.publisher p LEFT JOIN registry.iati_organisation_type t ON t.code = p.org_type
        WHERE p.id = 1`,
    );
    return rows[0] ?? null;
  }

  async lockVersion(manager: EntityManager): Promise<number | null> {
    const rows: { version: number }[] = await manager.query(
      `SELECT version FROM registry.publisher WHERE id = 1 FOR UPDATE`,
    );
    return rows[0]?.version ?? null;
  }

  /** False when another admin stored the first row in the meantime. */
  async insert(manager: EntityManager, values: PublisherValues): Promise<boolean> {
    const inserted = await rowsTouched(
      manager,
      `INSERT INTO registry.publisher (id, name, name_zh, org_id, org_type, licence_id, licence_url)
       VALUES (1, $1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
      params(values),
    );
    return inserted > 0;
  }

  async updateAtVersion(
    manager: EntityManager,
    version: number,
    values: PublisherValues,
  ): Promise<boolean> {
    const updated = await rowsTouched(
      manager,
      `UPDATE registry.publisher SET ${VALUES}, version = version + 1, updated_at = now()
        WHERE id = 1 AND version = $7`,
      [...params(values), version],
    );
    return updated > 0;
  }

  /** IATI OrganisationType, for the console's choice. */
  organisationTypes(): Promise<{ code: string; name: string; name_zh: string }[]> {
    return this.db.query(
      `SELECT code, name, name_zh FROM registry.iati_organisation_type ORDER BY code`,
    );
  }

  async organisationTypeExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM registry.iati_organisation_type WHERE code = $1`,
      [code],
    );
    return rows.length > 0;
  }

  /** The registration agency whose code prefixes the org-id (the longest that does). */
  async agencyOf(orgId: string): Promise<RegistrationAgency | null> {
    const rows: RegistrationAgency[] = await this.db.query(
      `SELECT code, name, withdrawn FROM registry.org_registration_agency
        WHERE $1 LIKE replace(code, '_', '\\_') || '-_%'
        ORDER BY length(code) DESC LIMIT 1`,
      [orgId],
    );
    return rows[0] ?? null;
  }
}
