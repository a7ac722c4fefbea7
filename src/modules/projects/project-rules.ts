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
 * shares, where given, of at most 100 in total; dates in order (signed not before announced,
 * construction not before signing, operation not before construction).
 */
export function projectRuleProblems(input: {
  readonly sectors?: readonly { code: string; percentage: number }[];
  readonly investors?: readonly { investorId: string; sharePct?: number | null }[];
  readonly dates: ProjectDates;
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
  const { announcedOn, signedOn, constructionStartOn, operationalOn } = input.dates;
  const order: [string, string | null | undefined, string, string | null | undefined][] = [
    ['signedOn', signedOn, 'announcedOn', announcedOn],
    ['constructionStartOn', constructionStartOn, 'signedOn', signedOn ?? announcedOn],
    ['operationalOn', operationalOn, 'constructionStartOn', constructionStartOn],
  ];
  for (const [field, value, earlierField, earlier] of order) {
    if (value && earlier && value < earlier) {
      problems.push({ path: field, message: `must not be before ${earlierField} (${earlier})` });
    }
  }
  return problems;
}

/** "60" -> "60.00": how percentages are stored and shown. */
export function twoDecimals(value: number): string {
  return asPercent(hundredths(value));
}
