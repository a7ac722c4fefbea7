/**
 * The published view in one SQL statement: approved, live pairings, their parks and live
 * projects, the investors in those projects and the public documents of all of them, with
 * public fields only (no `note`, no users, no review comments, nothing from the audit trail).
 *
 * The statement reads `src_<table>` relations, never the tables themselves, so the same text
 * runs over the live tables (`liveSources`) or over the registry as a past publication saw it,
 * rebuilt from the audit images (`asOfSources`). One statement, so one consistent snapshot of
 * the database: `pg_current_snapshot()` beside it says which transactions that was.
 */

/** Every table the view reads; each is audited, so each can be rebuilt as of a snapshot. */
export const PUBLISHED_TABLES = [
  'publisher',
  'pairing',
  'pairing_park',
  'pairing_industry',
  'pairing_review',
  'park',
  'project',
  'project_sector',
  'project_investor',
  'investor',
  'document',
  'fx_rate',
  'industry',
] as const;

/** The live tables. PostgreSQL inlines these CTEs, so the live view uses the tables' indexes. */
export function liveSources(): string {
  return PUBLISHED_TABLES.map((table) => `src_${table} AS (SELECT * FROM registry.${table})`).join(
    ',\n',
  );
}

/**
 * The tables as the transactions visible in `$<snapshotParam>` (a pg_snapshot) left them: each
 * row's latest audit image among those transactions, unless that change deleted it.
 */
export function asOfSources(snapshotParam: number): string {
  const latest = `audit_latest AS MATERIALIZED (
    SELECT DISTINCT ON (c.table_name, c.row_id) c.table_name, c.op, c.after
      FROM audit.change c
     WHERE c.table_name = ANY(ARRAY[${PUBLISHED_TABLES.map((t) => `'${t}'`).join(', ')}])
       AND pg_visible_in_snapshot(c.tx_id, $${snapshotParam}::pg_snapshot)
     ORDER BY c.table_name, c.row_id, c.id DESC)`;
  const tables = PUBLISHED_TABLES.map(
    (table) =>
      `src_${table} AS (SELECT r.* FROM audit_latest l,
         jsonb_populate_record(NULL::registry.${table}, l.after) r
        WHERE l.table_name = '${table}' AND l.op <> 'delete')`,
  );
  return [latest, ...tables].join(',\n');
}

const UTC_TIME = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** A record's sources: URL, title, date read, and a cited document only if it is published. */
const SOURCES = (alias: string) => `coalesce((
    SELECT json_agg(json_strip_nulls(json_build_object(
             'url', s->>'url', 'title', s->>'title', 'accessedOn', s->>'accessedOn',
             'documentId', CASE WHEN (s->>'documentId') IN (SELECT id::text FROM pub_document)
                                THEN s->>'documentId' END)) ORDER BY e.ord)
      FROM jsonb_array_elements(${alias}.sources) WITH ORDINALITY AS e(s, ord)
     WHERE s->>'url' IS NOT NULL OR (s->>'documentId') IN (SELECT id::text FROM pub_document)
  ), '[]'::json)`;

const LOCATION = (
  alias: string,
  subdivision: string,
) => `CASE WHEN ${alias}.location IS NULL THEN NULL
  ELSE json_build_object('lon', ${alias}.location[0], 'lat', ${alias}.location[1],
    'exactness', ${alias}.location_exactness, 'precision', ${alias}.location_precision,
    'subdivisionCode', ${subdivision}) END`;

/** Public documents of one owner: metadata and the file's identity, never its storage. */
const DOCUMENTS = (ownerColumn: string, ownerId: string) => `coalesce((
    SELECT json_agg(json_build_object(
             'id', d.id, 'title', d.title, 'titleZh', d.title_zh, 'category', d.category,
             'language', d.language, 'documentDate', d.document_date, 'fileName', d.file_name,
             'mediaType', d.media_type, 'sizeBytes', d.size_bytes, 'sha256', d.sha256)
           ORDER BY d.created_at, d.id)
      FROM pub_document d WHERE d.${ownerColumn} = ${ownerId}), '[]'::json)`;

/**
 * The view. `$1` (uuid or NULL) is a pairing to publish as if it were approved: the reviewer's
 * preview of what approving it would publish.
 */
export function publishedViewSql(sources: string): string {
  return `
WITH ${sources},
pub_pairing AS (
  SELECT g.* FROM src_pairing g
   WHERE g.archived_at IS NULL AND (g.review_state = 'approved' OR g.id = $1::uuid)),
pub_project AS (
  SELECT p.* FROM src_project p JOIN pub_pairing g ON g.id = p.pairing_id
   WHERE p.archived_at IS NULL),
pub_park AS (
  SELECT k.* FROM src_park k
   WHERE k.id IN (SELECT pp.park_id FROM src_pairing_park pp JOIN pub_pairing g ON g.id = pp.pairing_id)
      OR k.id IN (SELECT park_id FROM pub_project)),
pub_investor AS (
  SELECT i.* FROM src_investor i
   WHERE i.id IN (SELECT pi.investor_id FROM src_project_investor pi
                   WHERE pi.project_id IN (SELECT id FROM pub_project))),
pub_document AS (
  SELECT d.* FROM src_document d
   WHERE d.visibility = 'public' AND d.archived_at IS NULL AND d.scan IN ('clean', 'unscanned')
     AND (d.pairing_id IN (SELECT id FROM pub_pairing) OR d.park_id IN (SELECT id FROM pub_park)
       OR d.project_id IN (SELECT id FROM pub_project) OR d.investor_id IN (SELECT id FROM pub_investor))),
priced AS (
  SELECT p.id,
         CASE WHEN p.investment_currency = 'USD' THEN round(p.investment_amount, 2)
              ELSE round(p.investment_amount * r.usd_per_unit, 2) END AS amount_usd,
         CASE WHEN p.investment_currency = 'USD' THEN NULL ELSE r.rate_date END AS usd_rate_date
    FROM pub_project p
    LEFT JOIN LATERAL (
      SELECT f.usd_per_unit, f.rate_date FROM src_fx_rate f
       WHERE f.currency_code = p.investment_currency AND f.rate_date <= p.reference_date
       ORDER BY f.rate_date DESC LIMIT 1) r ON p.investment_currency <> 'USD')
SELECT json_build_object(
  'publisher', (
    SELECT json_build_object('name', u.name, 'nameZh', u.name_zh, 'orgId', u.org_id,
             'orgType', u.org_type, 'licenceId', u.licence_id, 'licenceUrl', u.licence_url)
      FROM src_publisher u WHERE u.id = 1),
  'pairings', coalesce((
    SELECT json_agg(json_build_object(
             'id', g.id, 'code', g.code, 'name', g.name, 'nameZh', g.name_zh,
             'description', g.description, 'status', g.status,
             'agreementSignedOn', g.agreement_signed_on, 'launchedOn', g.launched_on,
             'approvedOn', coalesce(
               (SELECT (max(r.decided_at) AT TIME ZONE 'UTC')::date FROM src_pairing_review r
                 WHERE r.pairing_id = g.id AND r.round = g.review_round AND r.decision = 'approve'),
               -- the preview's pairing is not approved yet: it would be today
               CASE WHEN g.id = $1::uuid THEN (now() AT TIME ZONE 'UTC')::date END),
             'updatedAt', ${UTC_TIME('g.updated_at')},
             'parks', (SELECT json_agg(json_build_object('parkId', pp.park_id, 'countryCode', pp.country_code)
                                       ORDER BY pp.country_code <> 'CN', k.code)
                         FROM src_pairing_park pp JOIN src_park k ON k.id = pp.park_id
                        WHERE pp.pairing_id = g.id),
             'industries', coalesce((
               SELECT json_agg(json_build_object('code', pi.industry_code, 'title', i.title,
                                 'section', i.section) ORDER BY i.sort_key)
                 FROM src_pairing_industry pi JOIN src_industry i ON i.code = pi.industry_code
                WHERE pi.pairing_id = g.id), '[]'::json),
             'sources', ${SOURCES('g')},
             'documents', ${DOCUMENTS('pairing_id', 'g.id')})
           ORDER BY g.code)
      FROM pub_pairing g), '[]'::json),
  'parks', coalesce((
    SELECT json_agg(json_build_object(
             'id', k.id, 'code', k.code, 'name', k.name, 'nameZh', k.name_zh,
             'nameLocal', k.name_local, 'countryCode', k.country_code,
             'subdivisionCode', k.subdivision_code, 'city', k.city, 'zoneType', k.zone_type,
             'status', k.status, 'establishedOn', k.established_on, 'areaHa', k.area_ha::text,
             'website', k.website, 'description', k.description,
             'location', ${LOCATION('k', 'k.subdivision_code')},
             'sources', ${SOURCES('k')},
             'documents', ${DOCUMENTS('park_id', 'k.id')})
           ORDER BY k.code)
      FROM pub_park k), '[]'::json),
  'investors', coalesce((
    SELECT json_agg(json_build_object(
             'id', i.id, 'name', i.name, 'nameZh', i.name_zh, 'nameLocal', i.name_local,
             'countryCode', i.country_code, 'type', i.type, 'website', i.website,
             'identifiers', i.identifiers,
             'documents', ${DOCUMENTS('investor_id', 'i.id')})
           ORDER BY i.name, i.id)
      FROM pub_investor i), '[]'::json),
  'projects', coalesce((
    SELECT json_agg(json_build_object(
             'id', p.id, 'ref', p.ref, 'title', p.title, 'description', p.description,
             'pairingId', p.pairing_id, 'parkId', p.park_id,
             'hostCountryCode', p.host_country_code, 'type', p.type, 'stage', p.stage,
             'announcedOn', p.announced_on, 'signedOn', p.signed_on,
             'constructionStartOn', p.construction_start_on, 'operationalOn', p.operational_on,
             'referenceDate', p.reference_date,
             'investmentAmount', p.investment_amount::text,
             'investmentCurrency', p.investment_currency,
             'amountUsd', pr.amount_usd::text, 'usdRateDate', pr.usd_rate_date,
             'jobsPlanned', p.jobs_planned, 'jobsActual', p.jobs_actual, 'estimated', p.estimated,
             'updatedAt', ${UTC_TIME('p.updated_at')},
             'location', ${LOCATION('p', 'p.location_subdivision_code')},
             'sectors', coalesce((
               SELECT json_agg(json_build_object('code', s.industry_code, 'title', i.title,
                                 'section', i.section, 'percentage', s.percentage::text)
                               ORDER BY i.sort_key)
                 FROM src_project_sector s JOIN src_industry i ON i.code = s.industry_code
                WHERE s.project_id = p.id), '[]'::json),
             'investors', coalesce((
               SELECT json_agg(json_build_object('investorId', pi.investor_id, 'role', pi.role,
                                 'sharePct', pi.share_pct::text) ORDER BY pi.role, pi.investor_id)
                 FROM src_project_investor pi WHERE pi.project_id = p.id), '[]'::json),
             'sources', ${SOURCES('p')},
             'documents', ${DOCUMENTS('project_id', 'p.id')})
           ORDER BY p.ref)
      FROM pub_project p JOIN priced pr ON pr.id = p.id), '[]'::json)
)::text AS view, pg_current_snapshot()::text AS snapshot`;
}
