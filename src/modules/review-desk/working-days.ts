import { localTime } from '../notifications/local-time';

/**
 * Working-day arithmetic for review periods, on calendar dates (`YYYY-MM-DD`), with no time of
 * day: a country's "today" is its local date (localDate), and counting never crosses a time
 * zone. Weekdays are ISO numbers (1 Monday ... 7 Sunday), so a Friday-Saturday week is [5, 6]
 * and Brunei's Friday-and-Sunday week is [5, 7].
 */
export interface WorkingWeek {
  /** ISO weekdays that are rest days. */
  readonly weekend: readonly number[];
  /** Dates that are not working days, whatever their weekday. */
  readonly holidays: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;
/** No calendar has more than a few weeks of rest in a row; this bounds a broken one. */
const MAX_SCAN_DAYS = 3660;

function toEpochDay(date: string): number {
  const epoch = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(epoch)) throw new RangeError(`not a calendar date: ${date}`);
  return epoch / DAY_MS;
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 Monday ... 7 Sunday. */
export function isoWeekday(date: string): number {
  const sundayBased = new Date(toEpochDay(date) * DAY_MS).getUTCDay();
  return sundayBased === 0 ? 7 : sundayBased;
}

export function isWorkingDay(date: string, week: WorkingWeek): boolean {
  return !week.weekend.includes(isoWeekday(date)) && !week.holidays.has(date);
}

/**
 * The date `count` working days after `date` (before it when negative), not counting `date`
 * itself: submitted on a Friday with a Saturday-Sunday week, 1 working day later is Monday.
 * `count` 0 gives `date`.
 */
export function addWorkingDays(date: string, count: number, week: WorkingWeek): string {
  if (week.weekend.length >= 7) throw new RangeError('a week needs at least one working day');
  const step = count < 0 ? -1 : 1;
  let day = toEpochDay(date);
  let remaining = Math.abs(count);
  for (let scanned = 0; remaining > 0; scanned++) {
    if (scanned > MAX_SCAN_DAYS) throw new RangeError('no working days in ten years of calendar');
    day += step;
    if (isWorkingDay(fromEpochDay(day), week)) remaining -= 1;
  }
  return fromEpochDay(day);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, week: WorkingWeek): number {
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  if (end - start > MAX_SCAN_DAYS) throw new RangeError('dates more than ten years apart');
  let count = 0;
  for (let day = start + 1; day <= end; day++) {
    if (isWorkingDay(fromEpochDay(day), week)) count += 1;
  }
  return count;
}

/** The calendar date at `instant` in an IANA time zone ("Asia/Kuala_Lumpur"). */
export function localDate(instant: Date, timeZone: string): string {
  return localTime(instant, timeZone).date;
}

/** Whether Intl knows the zone (PostgreSQL and Node ship the same IANA database). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The dates a review period sets, counted from the day of submission in the side's week. */
export interface ReviewDates {
  readonly dueSoonOn: string;
  readonly dueOn: string;
  readonly escalateOn: string;
}

/** Reminders come this many working days before the due date ... */
export const DUE_SOON_WORKING_DAYS = 2;
/** ... and escalation this many after it. */
export const ESCALATE_AFTER_WORKING_DAYS = 3;

export function reviewDates(submittedOn: string, period: number, week: WorkingWeek): ReviewDates {
  const dueOn = addWorkingDays(submittedOn, period, week);
  const dueSoon = addWorkingDays(dueOn, -DUE_SOON_WORKING_DAYS, week);
  return {
    // A period shorter than the warning: "due soon" from the day it was submitted.
    dueSoonOn: dueSoon < submittedOn ? submittedOn : dueSoon,
    dueOn,
    escalateOn: addWorkingDays(dueOn, ESCALATE_AFTER_WORKING_DAYS, week),
  };
}

export type ReviewStatus = 'pending' | 'due_soon' | 'due' | 'overdue' | 'escalated';

/** Where a round stands on a local date. */
export function reviewStatus(today: string, dates: ReviewDates): ReviewStatus {
  if (today >= dates.escalateOn) return 'escalated';
  if (today > dates.dueOn) return 'overdue';
  if (today === dates.dueOn) return 'due';
  if (today >= dates.dueSoonOn) return 'due_soon';
  return 'pending';
}
