import type { WorkingWeek } from '../working-days';

export interface Holiday {
  readonly date: string;
  readonly name: string;
  readonly subdivisionCode?: string | null;
}

export interface SubdivisionWeek {
  readonly subdivisionCode: string;
  readonly weekend: readonly number[];
  readonly source?: string | null;
}

/** A country's review calendar as stored (registry.review_calendar), or its default. */
export interface ReviewCalendar {
  readonly countryCode: string;
  readonly reviewWorkingDays: number;
  readonly weekend: readonly number[];
  readonly timeZone: string;
  readonly subdivisionWeekends: readonly SubdivisionWeek[];
  readonly holidays: readonly Holiday[];
  readonly source: string | null;
  /** 0: nothing stored, the country keeps the default. */
  readonly version: number;
  readonly updatedAt: Date | null;
}

export const DEFAULT_REVIEW_WORKING_DAYS = 10;

/** What a country without a calendar of its own gets: ten working days, Monday to Friday, UTC. */
export function defaultCalendar(countryCode: string): ReviewCalendar {
  return {
    countryCode,
    reviewWorkingDays: DEFAULT_REVIEW_WORKING_DAYS,
    weekend: [6, 7],
    timeZone: 'UTC',
    subdivisionWeekends: [],
    holidays: [],
    source: null,
    version: 0,
    updatedAt: null,
  };
}

/**
 * The subdivision a side of a pairing sits in, when all its parks share one (a Johor side, a
 * Kedah side); null when its parks are spread or have none recorded.
 */
export function sharedSubdivision(codes: readonly (string | null)[]): string | null {
  const first = codes[0] ?? null;
  return first !== null && codes.every((code) => code === first) ? first : null;
}

/**
 * The working week of a side: its subdivision's own week when the calendar has one, else the
 * national week; national holidays plus those of the side's subdivision.
 */
export function workingWeekOf(
  calendar: ReviewCalendar,
  subdivisionCode: string | null,
): WorkingWeek {
  const own = calendar.subdivisionWeekends.find((week) => week.subdivisionCode === subdivisionCode);
  return {
    weekend: own?.weekend ?? calendar.weekend,
    holidays: new Set(
      calendar.holidays
        .filter(
          (holiday) => !holiday.subdivisionCode || holiday.subdivisionCode === subdivisionCode,
        )
        .map((holiday) => holiday.date),
    ),
  };
}
