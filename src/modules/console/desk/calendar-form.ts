import type { ReviewCalendarDto } from '../../review-desk/dto/review-calendar.dto';
import type { FieldErrors } from '../form-input';

/** One row of subdivision weeks on the form, as typed. */
export interface WeekRow {
  readonly subdivisionCode: string;
  /** The ticked rest days, as the checkboxes send them ('1' Monday ... '7' Sunday). */
  readonly weekend: readonly string[];
  readonly source: string;
  readonly remove: boolean;
}

/** One row of the holiday table, as typed. */
export interface HolidayRow {
  readonly date: string;
  readonly name: string;
  readonly subdivisionCode: string;
  readonly remove: boolean;
}

/** The calendar form's values as text, from the saved calendar or from a post. */
export interface CalendarForm {
  readonly reviewWorkingDays: string;
  readonly weekend: readonly string[];
  readonly timeZone: string;
  readonly source: string;
  readonly weeks: readonly WeekRow[];
  readonly holidays: readonly HolidayRow[];
}

/** Empty rows offered for adding: one subdivision week, a few holidays. */
export const BLANK_WEEK_ROWS = 1;
export const BLANK_HOLIDAY_ROWS = 3;

const BLANK_WEEK: WeekRow = { subdivisionCode: '', weekend: [], source: '', remove: false };
const BLANK_HOLIDAY: HolidayRow = { date: '', name: '', subdivisionCode: '', remove: false };

const isBlankWeek = (row: WeekRow) =>
  row.subdivisionCode === '' && row.weekend.length === 0 && row.source === '';
const isBlankHoliday = (row: HolidayRow) =>
  row.date === '' && row.name === '' && row.subdivisionCode === '';

/** Appends empty rows until the form ends with `count` of them (so there is room to add). */
function padded<T>(rows: readonly T[], blank: T, isBlank: (row: T) => boolean, count: number): T[] {
  let trailing = 0;
  while (trailing < rows.length && isBlank(rows[rows.length - 1 - trailing])) trailing += 1;
  return [...rows, ...Array.from({ length: Math.max(0, count - trailing) }, () => blank)];
}

/** The form for a saved calendar, with empty rows to add to. */
export function calendarFormOf(calendar: ReviewCalendarDto): CalendarForm {
  return withBlankRows({
    reviewWorkingDays: String(calendar.reviewWorkingDays),
    weekend: calendar.weekend.map(String),
    timeZone: calendar.timeZone,
    source: calendar.source ?? '',
    weeks: calendar.subdivisionWeekends.map((week) => ({
      subdivisionCode: week.subdivisionCode,
      weekend: week.weekend.map(String),
      source: week.source ?? '',
      remove: false,
    })),
    holidays: calendar.holidays.map((holiday) => ({
      date: holiday.date,
      name: holiday.name,
      subdivisionCode: holiday.subdivisionCode ?? '',
      remove: false,
    })),
  });
}

export function withBlankRows(form: CalendarForm): CalendarForm {
  return {
    ...form,
    weeks: padded(form.weeks, BLANK_WEEK, isBlankWeek, BLANK_WEEK_ROWS),
    holidays: padded(form.holidays, BLANK_HOLIDAY, isBlankHoliday, BLANK_HOLIDAY_ROWS),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A checkbox group: one value, several, or none. */
function ticked(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string').map((v) => v.trim());
}

/**
 * The rows of a repeated group (`holidays[3].date`...), in the order of their numbers and
 * renumbered from 0: what the form shows again and what error paths refer to.
 */
function rowsOf<T>(
  form: Readonly<Record<string, unknown>>,
  group: string,
  read: (field: (name: string) => unknown) => T,
): T[] {
  const pattern = new RegExp(`^${group}\\[(\\d{1,6})\\]\\.`);
  const numbers = new Set<number>();
  for (const key of Object.keys(form)) {
    const match = pattern.exec(key);
    if (match) numbers.add(Number(match[1]));
  }
  return [...numbers]
    .sort((a, b) => a - b)
    .map((n) => read((name) => form[`${group}[${n}].${name}`]));
}

/** The posted calendar form, as typed (nothing dropped, so it can be shown again). */
export function typedCalendarForm(form: Readonly<Record<string, unknown>>): CalendarForm {
  return {
    reviewWorkingDays: text(form.reviewWorkingDays),
    weekend: ticked(form.weekend),
    timeZone: text(form.timeZone),
    source: text(form.source),
    weeks: rowsOf(form, 'subdivisionWeekends', (field) => ({
      subdivisionCode: text(field('subdivisionCode')).toUpperCase(),
      weekend: ticked(field('weekend')),
      source: text(field('source')),
      remove: field('remove') !== undefined,
    })),
    holidays: rowsOf(form, 'holidays', (field) => ({
      date: text(field('date')),
      name: text(field('name')),
      subdivisionCode: text(field('subdivisionCode')).toUpperCase(),
      remove: field('remove') !== undefined,
    })),
  };
}

/** A whole number where the text is one; else the text, for the validation to name. */
function integer(value: string): number | string {
  return /^\d{1,9}$/.test(value) ? Number(value) : value;
}

export interface CalendarBody {
  /** The API's PUT body: removed and empty rows left out. */
  readonly body: Record<string, unknown>;
  /** For each subdivision week and holiday of the body, its row on the form. */
  readonly weekRows: readonly number[];
  readonly holidayRows: readonly number[];
}

/** The JSON body the typed form stands for. */
export function calendarBody(typed: CalendarForm, version: number | string): CalendarBody {
  const weekRows: number[] = [];
  const holidayRows: number[] = [];
  const weeks = typed.weeks.flatMap((row, index) => {
    if (row.remove || isBlankWeek(row)) return [];
    weekRows.push(index);
    return [
      {
        subdivisionCode: row.subdivisionCode,
        weekend: row.weekend.map(integer),
        source: row.source || null,
      },
    ];
  });
  const holidays = typed.holidays.flatMap((row, index) => {
    if (row.remove || isBlankHoliday(row)) return [];
    holidayRows.push(index);
    return [{ date: row.date, name: row.name, subdivisionCode: row.subdivisionCode || null }];
  });
  return {
    body: {
      reviewWorkingDays: integer(typed.reviewWorkingDays),
      weekend: typed.weekend.map(integer),
      timeZone: typed.timeZone,
      subdivisionWeekends: weeks,
      holidays,
      source: typed.source || null,
      version,
    },
    weekRows,
    holidayRows,
  };
}

/**
 * Errors as the API names them (`holidays[2].date`, counting the body's entries) renamed to the
 * form's rows (removed and empty rows are not in the body), so each shows at its own field.
 */
export function errorsOnRows(errors: FieldErrors, body: CalendarBody): FieldErrors {
  const renamed: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const match = /^(subdivisionWeekends|holidays)\[(\d+)\](.*)$/.exec(path);
    let row: number | undefined;
    if (match) {
      const rows = match[1] === 'holidays' ? body.holidayRows : body.weekRows;
      row = rows[Number(match[2])];
    }
    const target = match && row !== undefined ? `${match[1]}[${row}]${match[3]}` : path;
    renamed[target] = renamed[target] ? `${renamed[target]}; ${message}` : message;
  }
  return renamed;
}

/** The calendar's parts in words, for "now saved / your edit" when two admins edit at once. */
export interface CalendarValuesInWords {
  readonly reviewWorkingDays: string;
  readonly weekend: string;
  readonly timeZone: string;
  readonly subdivisionWeekends: string;
  readonly holidays: string;
  readonly source: string;
}

interface CalendarParts {
  readonly reviewWorkingDays: unknown;
  readonly weekend: readonly unknown[];
  readonly timeZone: string;
  readonly subdivisionWeekends: readonly {
    subdivisionCode: string;
    weekend: readonly unknown[];
  }[];
  readonly holidays: readonly {
    date: string;
    name: string;
    subdivisionCode?: string | null;
  }[];
  readonly source: string | null;
}

export function calendarInWords(
  calendar: CalendarParts,
  dayName: (day: string) => string,
): CalendarValuesInWords {
  const days = (weekend: readonly unknown[]) =>
    [...weekend].map(String).sort().map(dayName).join(', ');
  return {
    reviewWorkingDays: String(calendar.reviewWorkingDays),
    weekend: days(calendar.weekend),
    timeZone: calendar.timeZone,
    subdivisionWeekends: calendar.subdivisionWeekends
      .map((week) => `${week.subdivisionCode}: ${days(week.weekend)}`)
      .join('; '),
    holidays: calendar.holidays
      .map(
        (holiday) =>
          `${holiday.date} ${holiday.name}${holiday.subdivisionCode ? ` (${holiday.subdivisionCode})` : ''}`,
      )
      .join('; '),
    source: calendar.source ?? '',
  };
}

/** The typed form in words (what saving it would store), beside the saved calendar's. */
export function typedInWords(
  typed: CalendarForm,
  dayName: (day: string) => string,
): CalendarValuesInWords {
  return calendarInWords(
    {
      reviewWorkingDays: typed.reviewWorkingDays,
      weekend: typed.weekend,
      timeZone: typed.timeZone,
      subdivisionWeekends: typed.weeks.filter((row) => !row.remove && !isBlankWeek(row)),
      holidays: typed.holidays.filter((row) => !row.remove && !isBlankHoliday(row)),
      source: typed.source || null,
    },
    dayName,
  );
}
