import type { FieldError } from '../../common/errors/domain-error';

/** Hundredths, exactly: 33.33 -> 3333 (inputs have at most two decimals). */
const hundredths = (value: number) => Math.round(value * 100);

const asPercent = (value: number) => (value / 100).toFixed(2);

export interface ProjectDates {
  readonly announcedOn?: string | null;
  readonly signedOn?: string | null;
  readonly constructionStartOn?: string | null;
  readonly operationalOn?: string | null;
}

/**
 * The project rules a request can break on its own, each naming its field:
 * sectors listed once with percentages summing to exactly 100.00; investors listed once with
 * shares, where given, of at most 100 in total; dates that can happen (see projectDateProblems).
 */
export function projectRuleProblems(input: {
  readonly sectors?: readonly { code: string; percentage: number }[];
  readonly investors?: readonly { investorId: string; sharePct?: number | null }[];
  readonly dates: ProjectDates;
  /** Today's date (UTC, YYYY-MM-DD); a parameter so that the rules stay pure. */
  readonly today?: string;
}): FieldError[] {
  const problems: FieldError[] = [];
  if (input.sectors) {
    const seen = new Set<string>();
    input.sectors.forEach((sector, index) => {
      if (seen.has(sector.code)) {
        problems.push({
          path: `sectors[${index}].code`,
          message: `${sector.code} is listed twice`,
        });
      }
      seen.add(sector.code);
    });
    const total = input.sectors.reduce((sum, sector) => sum + hundredths(sector.percentage), 0);
    if (total !== 10000) {
      problems.push({
        path: 'sectors',
        message: `percentages must sum to exactly 100 (they sum to ${asPercent(total)})`,
      });
    }
  }
  if (input.investors) {
    const seen = new Set<string>();
    input.investors.forEach((investor, index) => {
      if (seen.has(investor.investorId)) {
        problems.push({ path: `investors[${index}].investorId`, message: 'is listed twice' });
      }
      seen.add(investor.investorId);
    });
    const shares = input.investors.reduce((sum, i) => sum + hundredths(i.sharePct ?? 0), 0);
    if (shares > 10000) {
      problems.push({
        path: 'investors',
        message: `shares must total at most 100 (they total ${asPercent(shares)})`,
      });
    }
  }
  problems.push(...projectDateProblems(input.dates, input.today ?? utcToday()));
  return problems;
}

/** How far ahead a planned construction start or operation date may lie. */
export const PLANNED_DATE_HORIZON_YEARS = 30;
/** No twin park or overseas zone predates this; an earlier date is a typing slip. */
export const EARLIEST_PROJECT_DATE = '1950-01-01';

/**
 * Only the date orders that cannot happen are refused. Agreements are often signed before they
 * are announced (at an expo, in a later press release), and site work may start before the
 * final signature, so those orders are free. What cannot happen: operation before construction
 * started; an announcement or signature in the future (it records an event, so it has
 * happened; a day of slack covers time zones ahead of UTC); a planned date more than
 * PLANNED_DATE_HORIZON_YEARS ahead; any date before EARLIEST_PROJECT_DATE.
 */
export function projectDateProblems(dates: ProjectDates, today: string): FieldError[] {
  const problems: FieldError[] = [];
  const { announcedOn, signedOn, constructionStartOn, operationalOn } = dates;
  const latestEvent = addDays(today, 1);
  const latestPlan = `${Number(today.slice(0, 4)) + PLANNED_DATE_HORIZON_YEARS}${today.slice(4)}`;
  const limits: [string, string | null | undefined, string, string][] = [
    ['announcedOn', announcedOn, latestEvent, 'must not be in the future'],
    ['signedOn', signedOn, latestEvent, 'must not be in the future'],
    [
      'constructionStartOn',
      constructionStartOn,
      latestPlan,
      `must be at most ${PLANNED_DATE_HORIZON_YEARS} years ahead`,
    ],
    [
      'operationalOn',
      operationalOn,
      latestPlan,
      `must be at most ${PLANNED_DATE_HORIZON_YEARS} years ahead`,
    ],
  ];
  for (const [field, value, latest, message] of limits) {
    if (!value) continue;
    if (value < EARLIEST_PROJECT_DATE) {
      problems.push({ path: field, message: `must not be before ${EARLIEST_PROJECT_DATE}` });
    } else if (value > latest) {
      problems.push({ path: field, message: `${message} (latest ${latest})` });
    }
  }
  if (operationalOn && constructionStartOn && operationalOn < constructionStartOn) {
    problems.push({
      path: 'operationalOn',
      message: `must not be before constructionStartOn (${constructionStartOn})`,
    });
  }
  return problems;
}

function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/** "60" -> "60.00": how percentages are stored and shown. */
export function twoDecimals(value: number): string {
  return asPercent(hundredths(value));
}
