import { INVESTOR_TYPES, type InvestorType } from '../../investors/investor-enums';
import {
  INVESTOR_ROLES,
  type InvestorRole,
  PROJECT_STAGES,
  PROJECT_TYPES,
  type ProjectStage,
  type ProjectType,
} from '../project-enums';
import { PLANNED_DATE_HORIZON_YEARS, projectRuleProblems } from '../project-rules';

/**
 * The project CSV format (import, and export in the same columns plus DERIVED_COLUMNS). One
 * header row; columns in any order; unknown columns are refused. A row without a ref creates a
 * project; a row with ref and version sets that project to the row (a bulk edit). Either way the
 * row is the whole record: an empty cell means no value (cleared), never "leave as it is".
 */
export const IMPORT_COLUMNS = {
  ref: 'public reference of a registered project, e.g. MY-MCKIP-2014-0001: the row updates it (empty: the row creates a project)',
  version:
    'the version the row was exported at (required with ref); a project changed since then is refused',
  parkCode: 'host park code, e.g. MY-MCKIP (required)',
  pairingCode: 'pairing code, e.g. CN-MY-TCTP; the pairing must contain the park',
  title: 'project title (required)',
  description: 'free text',
  note: 'editorial note on the sources and figures: disagreements, estimates, unknowns',
  type: `${PROJECT_TYPES.join(', ')} (required)`,
  stage: `${PROJECT_STAGES.join(', ')} (required)`,
  announcedOn: 'YYYY-MM-DD, not in the future',
  signedOn: 'YYYY-MM-DD, not in the future (may be before announcedOn)',
  constructionStartOn: `YYYY-MM-DD, at most ${PLANNED_DATE_HORIZON_YEARS} years ahead`,
  operationalOn: `YYYY-MM-DD, not before constructionStartOn, at most ${PLANNED_DATE_HORIZON_YEARS} years ahead`,
  amount: 'investment amount, decimal with a point and at most 2 decimals: 5600000000.00',
  currency: 'ISO 4217 code of the amount: MYR',
  jobsPlanned: 'whole number',
  jobsActual: 'whole number',
  estimated: 'true or false (default false)',
  sectors:
    'ISIC code:percentage pairs summing to 100, separated by ";": 2410:60;2420:40 (required)',
  investors: `name|country|role|share|type entries separated by ";": roles ${INVESTOR_ROLES.join(', ')}; share optional; type (${INVESTOR_TYPES.join(', ')}) needed only to create an investor not yet registered`,
  sourceUrl: 'http(s) URL of the source',
  sourceTitle: 'title of the source (defaults to the URL)',
} as const;

/** Written by the export from the registry's own data; ignored when a file is imported. */
export const DERIVED_COLUMNS = {
  hostCountryCode: 'country of the host park (follows from parkCode)',
  amountUsd: 'the amount in US dollars at the rate of fxRateDate (empty: no amount or no rate)',
  fxRateDate:
    'date of the USD rate used: the latest rate on or before the reference date (signed, else announced, else created)',
} as const;

/** The export's columns: the import's, then the derived ones. */
export const EXPORT_COLUMNS: readonly string[] = [
  ...Object.keys(IMPORT_COLUMNS),
  ...Object.keys(DERIVED_COLUMNS),
];

export type ImportColumn = keyof typeof IMPORT_COLUMNS;
export const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'parkCode',
  'title',
  'type',
  'stage',
  'sectors',
];

export interface ImportError {
  /** Line in the file: the header is line 1, the first project line 2. */
  readonly row: number;
  readonly column: string | null;
  readonly message: string;
}

export interface ImportInvestor {
  readonly name: string;
  readonly countryCode: string;
  readonly role: InvestorRole;
  readonly sharePct: number | null;
  readonly type: InvestorType | null;
}

export interface ImportRow {
  readonly row: number;
  /** Set: the row updates this project (at `version`); null: the row creates one. */
  readonly ref: string | null;
  readonly version: number | null;
  readonly parkCode: string;
  readonly pairingCode: string | null;
  readonly title: string;
  readonly description: string | null;
  readonly note: string | null;
  readonly type: ProjectType;
  readonly stage: ProjectStage;
  readonly announcedOn: string | null;
  readonly signedOn: string | null;
  readonly constructionStartOn: string | null;
  readonly operationalOn: string | null;
  readonly amount: string | null;
  readonly currency: string | null;
  readonly jobsPlanned: number | null;
  readonly jobsActual: number | null;
  readonly estimated: boolean;
  readonly sectors: readonly { code: string; percentage: number }[];
  readonly investors: readonly ImportInvestor[];
  readonly source: { url: string; title: string; accessedOn: null } | null;
}

/** Header problems: unknown columns, missing required ones, and ref without version. */
export function headerErrors(header: readonly string[]): ImportError[] {
  const known = new Set(EXPORT_COLUMNS);
  const errors: ImportError[] = header
    .filter((column) => !known.has(column))
    .map((column) => ({
      row: 1,
      column,
      message: `unknown column; the columns are ${EXPORT_COLUMNS.join(', ')}`,
    }));
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column))
      errors.push({ row: 1, column, message: 'required column is missing' });
  }
  if (header.includes('ref') !== header.includes('version')) {
    errors.push({
      row: 1,
      column: header.includes('ref') ? 'version' : 'ref',
      message: 'ref and version go together: a row updates the project at the version it names',
    });
  }
  return errors;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string) =>
  DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
const TWO_DECIMALS = /^\d{1,3}(\.\d{1,2})?$/;

/**
 * One record of the file, checked on its own (no database): every problem, each naming its
 * line and column. References (park, pairing, industries, investors, currency) are resolved
 * later, set-based, for all rows at once.
 */
export function parseImportRow(
  record: Readonly<Record<string, string | undefined>>,
  row: number,
): { row?: ImportRow; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const fail = (column: string, message: string) => errors.push({ row, column, message });
  for (const [column, value] of Object.entries(record)) {
    if (value?.includes('\u0000')) fail(column, 'must not contain the NUL character (U+0000)');
  }
  const cell = (column: ImportColumn) => {
    // An apostrophe before a formula character is how exports keep spreadsheets from running
    // a cell; it is not part of the value.
    const value = record[column]?.trim().replace(/^'(?=[=+\-@])/, '');
    return value ? value : null;
  };
  const required = (column: ImportColumn) => {
    const value = cell(column);
    if (!value) fail(column, 'is required');
    return value ?? '';
  };
  const oneOf = <T extends string>(column: ImportColumn, values: readonly T[]): T => {
    const value = required(column);
    if (value && !values.includes(value as T)) fail(column, `must be one of ${values.join(', ')}`);
    return value as T;
  };
  const date = (column: ImportColumn) => {
    const value = cell(column);
    if (value && !isDate(value)) fail(column, 'must be a date (YYYY-MM-DD)');
    return value;
  };
  const whole = (column: ImportColumn) => {
    const value = cell(column);
    if (value === null) return null;
    if (!/^\d{1,8}$/.test(value)) fail(column, 'must be a whole number');
    return Number(value);
  };

  const ref = cell('ref')?.toUpperCase() ?? null;
  const versionCell = cell('version');
  let version: number | null = null;
  if (ref !== null && ref.length > 200) fail('ref', 'must be at most 200 characters');
  if (ref !== null && versionCell === null) {
    fail('version', 'is required with ref (the version the row was exported at)');
  } else if (versionCell !== null) {
    version = Number(versionCell);
    if (ref === null) fail('version', 'goes with ref; leave it empty to create a project');
    else if (!/^\d{1,10}$/.test(versionCell) || version < 1 || version > 2_147_483_647)
      fail('version', 'must be a whole number from 1');
  }
  const parkCode = required('parkCode').toUpperCase();
  const title = required('title');
  if (title.length > 500) fail('title', 'must be at most 500 characters');
  const type = oneOf('type', PROJECT_TYPES);
  const stage = oneOf('stage', PROJECT_STAGES);
  const dates = {
    announcedOn: date('announcedOn'),
    signedOn: date('signedOn'),
    constructionStartOn: date('constructionStartOn'),
    operationalOn: date('operationalOn'),
  };
  const jobsPlanned = whole('jobsPlanned');
  const jobsActual = whole('jobsActual');
  const amount = cell('amount');
  const currency = cell('currency')?.toUpperCase() ?? null;
  if (amount !== null && !/^\d{1,18}(\.\d{1,2})?$/.test(amount)) {
    fail(
      'amount',
      'must be a decimal number with a point and at most 2 decimals, e.g. 5600000000.00',
    );
  }
  if (currency !== null && !/^[A-Z]{3}$/.test(currency))
    fail('currency', 'must be an ISO 4217 code');
  if ((amount === null) !== (currency === null)) {
    fail(amount === null ? 'amount' : 'currency', 'amount and currency go together');
  }
  const estimatedCell = cell('estimated')?.toLowerCase() ?? 'false';
  if (!['true', 'false', 'yes', 'no', '1', '0'].includes(estimatedCell))
    fail('estimated', 'must be true or false');

  const sectors: { code: string; percentage: number }[] = [];
  for (const part of required('sectors')
    .split(';')
    .filter((p) => p.trim())) {
    const [code, percentage] = part.split(':').map((s) => s.trim());
    if (
      !code ||
      !/^([A-U]|\d{2,4})$/i.test(code) ||
      !percentage ||
      !TWO_DECIMALS.test(percentage)
    ) {
      fail('sectors', `"${part}" is not code:percentage (e.g. 2410:60)`);
      continue;
    }
    sectors.push({ code: code.toUpperCase(), percentage: Number(percentage) });
  }

  const investors: ImportInvestor[] = [];
  for (const part of (cell('investors') ?? '').split(';').filter((p) => p.trim())) {
    const [name, countryCode, role, share, investorType] = part.split('|').map((s) => s.trim());
    if (!name || !countryCode || !/^[A-Za-z]{2}$/.test(countryCode)) {
      fail('investors', `"${part}" needs name|country (a two-letter country code)`);
      continue;
    }
    if (!INVESTOR_ROLES.includes(role as InvestorRole)) {
      fail('investors', `"${part}": role must be one of ${INVESTOR_ROLES.join(', ')}`);
      continue;
    }
    if (share && !TWO_DECIMALS.test(share)) {
      fail('investors', `"${part}": share must be a percentage with at most 2 decimals`);
      continue;
    }
    if (investorType && !INVESTOR_TYPES.includes(investorType as InvestorType)) {
      fail('investors', `"${part}": type must be one of ${INVESTOR_TYPES.join(', ')}`);
      continue;
    }
    investors.push({
      name,
      countryCode: countryCode.toUpperCase(),
      role: role as InvestorRole,
      sharePct: share ? Number(share) : null,
      type: (investorType as InvestorType) || null,
    });
  }

  const sourceUrl = cell('sourceUrl');
  if (sourceUrl !== null && !/^https?:\/\/[^\s]+$/i.test(sourceUrl))
    fail('sourceUrl', 'must be an http(s) URL');

  for (const problem of projectRuleProblems({
    sectors: sectors.length ? sectors : undefined,
    investors: investors.map((i) => ({
      investorId: `${i.countryCode}|${i.name.toLowerCase()}`,
      sharePct: i.sharePct,
    })),
    dates,
  })) {
    fail(problem.path.split(/[.[]/)[0], problem.message);
  }

  if (errors.length) return { errors };
  return {
    errors,
    row: {
      row,
      ref,
      version,
      parkCode,
      pairingCode: cell('pairingCode')?.toUpperCase() ?? null,
      title,
      description: cell('description'),
      note: cell('note'),
      type,
      stage,
      ...dates,
      amount,
      currency,
      jobsPlanned,
      jobsActual,
      estimated: ['true', 'yes', '1'].includes(estimatedCell),
      sectors,
      investors,
      source: sourceUrl
        ? { url: sourceUrl, title: cell('sourceTitle') ?? sourceUrl, accessedOn: null }
        : null,
    },
  };
}
