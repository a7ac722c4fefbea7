import type { ReportFilterDto } from './dto/report-query.dto';

/**
 * The WHERE clause over `registry.project p` for a report's filters, with its parameters
 * appended to `params`. Live projects only; every condition has an index.
 */
export function projectFilterSql(filter: ReportFilterDto, params: unknown[]): string {
  const where = ['p.archived_at IS NULL'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.country) add('p.host_country_code = ?', filter.country);
  if (filter.park) add('p.park_id = ?::uuid', filter.park);
  if (filter.pairing) add('p.pairing_id = ?::uuid', filter.pairing);
  if (filter.stage) add('p.stage = ?', filter.stage);
  if (filter.from) add('p.reference_date >= ?::date', filter.from);
  if (filter.to) add('p.reference_date <= ?::date', filter.to);
  if (filter.investorCountry) {
    add(
      `p.id IN (SELECT pi.project_id FROM registry.project_investor pi
                JOIN registry.investor i ON i.id = pi.investor_id WHERE i.country_code = ?)`,
      filter.investorCountry,
    );
  }
  return where.join(' AND ');
}

/** The filters as they were applied, for `meta` and for links to the project list. */
export function appliedFilters(filter: ReportFilterDto): Record<string, string> {
  const keys = ['country', 'park', 'pairing', 'stage', 'from', 'to', 'investorCountry'] as const;
  return Object.fromEntries(
    keys.filter((key) => filter[key] !== undefined).map((key) => [key, String(filter[key])]),
  );
}

export const FX_RULE =
  'Each project counts in US dollars at the latest rate of its currency on or before its reference date (signed, else announced, else created), amounts in US dollars as they are; projects without an amount or a rate are left out of USD totals and counted in projectsWithoutUsd. Amounts and jobs are split across sectors by their percentages.';
