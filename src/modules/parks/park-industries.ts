import type { FieldError } from '../../common/errors/domain-error';
import type { IndustryLink } from './parks.repository';

/**
 * A park's focus industries as submitted: no code twice, and exactly one primary when there
 * are any. Returns the problems, each naming its field (`industries[2].code`).
 */
export function industryListProblems(
  items: readonly { code: string; primary?: boolean }[],
  path = 'industries',
): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.code)) {
      problems.push({ path: `${path}[${index}].code`, message: `${item.code} is listed twice` });
    }
    seen.add(item.code);
  });
  const primaries = items.filter((item) => item.primary === true).length;
  if (items.length > 0 && primaries !== 1) {
    problems.push({
      path,
      message: `exactly one industry must be primary (found ${primaries})`,
    });
  }
  return problems;
}

export function toLinks(items: readonly { code: string; primary?: boolean }[]): IndustryLink[] {
  return items.map((item) => ({ code: item.code, primary: item.primary === true }));
}
