/** The kinds of record documents are attached to, as their routes name them. */
export const OWNER_ROUTES = ['parks', 'pairings', 'investors', 'projects'] as const;
export type OwnerRoute = (typeof OWNER_ROUTES)[number];

export type OwnerType = 'park' | 'pairing' | 'investor' | 'project';

export const OWNER_TYPE: Record<OwnerRoute, OwnerType> = {
  parks: 'park',
  pairings: 'pairing',
  investors: 'investor',
  projects: 'project',
};

/** registry.document's foreign key column for each kind of record. */
export const OWNER_COLUMN: Record<OwnerType, string> = {
  park: 'park_id',
  pairing: 'pairing_id',
  investor: 'investor_id',
  project: 'project_id',
};

/** For a record's history: its documents' changes, beside its own. */
export const DOCUMENT_LINKS: Record<OwnerType, { table: string; parentColumn: string }> = {
  park: { table: 'document', parentColumn: 'park_id' },
  pairing: { table: 'document', parentColumn: 'pairing_id' },
  investor: { table: 'document', parentColumn: 'investor_id' },
  project: { table: 'document', parentColumn: 'project_id' },
};

/**
 * A record documents are attached to, with what decides who may attach to it: the countries
 * whose officers write it (a park's country, a project's host, a pairing's side countries), or
 * null for investors, which officers of every country share.
 */
export interface DocumentOwner {
  readonly type: OwnerType;
  readonly id: string;
  readonly label: string;
  readonly writerCountries: readonly string[] | null;
  readonly archived: boolean;
}

/** The record a document row belongs to (exactly one of its four keys is set). */
export function ownerOf(row: {
  readonly park_id: string | null;
  readonly pairing_id: string | null;
  readonly investor_id: string | null;
  readonly project_id: string | null;
}): { type: OwnerType; id: string } {
  if (row.park_id) return { type: 'park', id: row.park_id };
  if (row.pairing_id) return { type: 'pairing', id: row.pairing_id };
  if (row.investor_id) return { type: 'investor', id: row.investor_id };
  return { type: 'project', id: row.project_id as string };
}
