import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

async function ids(manager: EntityManager, sql: string, parameters: unknown[]): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(sql, parameters);
  return rows.map((row) => row.id);
}

/** Who the desk tells: always active users, found in the transaction of what happened. */
@Injectable()
export class DeskRecipients {
  /** The reviewers who decide for a country. */
  reviewersOf(manager: EntityManager, countryCode: string): Promise<string[]> {
    return ids(
      manager,
      `SELECT id FROM registry.app_user
        WHERE role = 'reviewer' AND country_code = $1 AND active ORDER BY id`,
      [countryCode],
    );
  }

  /**
   * Admins, told of escalations. Admins are not bound to a country in this registry, so every
   * active admin is told, with the country's reviewers again.
   */
  escalationRecipients(manager: EntityManager, countryCode: string): Promise<string[]> {
    return ids(
      manager,
      `SELECT id FROM registry.app_user
        WHERE active AND (role = 'admin' OR (role = 'reviewer' AND country_code = $1)) ORDER BY id`,
      [countryCode],
    );
  }

  /** The officers of a pairing's side countries (they edit it), and whoever submitted it. */
  officersOf(
    manager: EntityManager,
    pairingId: string,
    submittedBy: string | null,
  ): Promise<string[]> {
    return ids(
      manager,
      `SELECT u.id FROM registry.app_user u
        WHERE u.active AND (
          (u.role = 'officer' AND u.country_code IN (
             SELECT pp.country_code FROM registry.pairing_park pp WHERE pp.pairing_id = $1))
          OR u.id = $2)
        ORDER BY u.id`,
      [pairingId, submittedBy],
    );
  }

  async nameOf(manager: EntityManager, userId: string): Promise<string | null> {
    const rows: { name: string }[] = await manager.query(
      `SELECT name FROM registry.app_user WHERE id = $1`,
      [userId],
    );
    return rows[0]?.name ?? null;
  }
}
