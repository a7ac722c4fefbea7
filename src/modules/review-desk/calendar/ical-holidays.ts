import ICAL from 'ical.js';

/** A holiday read from an iCalendar file. */
export interface ImportedHoliday {
  readonly date: string;
  readonly name: string;
}

/** Recurring events (a yearly holiday) are expanded this far ahead of their first date. */
const RECURRENCE_YEARS = 5;
const MAX_DAYS = 2000;

export class CalendarFileError extends Error {}

function isoDate(time: ICAL.Time): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
}

/** Every day an event covers: all-day events end the day before DTEND (RFC 5545 3.6.1). */
function daysOf(start: ICAL.Time, end: ICAL.Time | null): string[] {
  const days = [isoDate(start)];
  if (!end) return days;
  const cursor = start.clone();
  for (;;) {
    cursor.adjust(1, 0, 0, 0);
    if (cursor.compare(end) >= 0 || days.length > 366) return days;
    days.push(isoDate(cursor));
  }
}

/**
 * The holidays of an iCalendar file (a ministry's published calendar, a Google or Outlook
 * export): each VEVENT's summary on each day it covers, recurring ones expanded five years.
 * Timed events count by their start date. Several events on one day keep the first name.
 */
export function holidaysFromICalendar(text: string): ImportedHoliday[] {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    throw new CalendarFileError(`not an iCalendar file: ${(error as Error).message}`);
  }
  if (root.name !== 'vcalendar')
    throw new CalendarFileError('not an iCalendar file (no VCALENDAR)');
  const byDate = new Map<string, string>();
  const add = (date: string, name: string) => {
    if (!byDate.has(date)) byDate.set(date, name);
    if (byDate.size > MAX_DAYS) throw new CalendarFileError(`more than ${MAX_DAYS} holiday dates`);
  };
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    if (!event.startDate) continue;
    const name = (event.summary || 'Holiday').trim().slice(0, 200) || 'Holiday';
    if (!event.isRecurring()) {
      for (const day of daysOf(event.startDate, event.startDate.isDate ? event.endDate : null))
        add(day, name);
      continue;
    }
    const until = event.startDate.clone();
    until.year += RECURRENCE_YEARS;
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.compare(until) < 0; next = iterator.next()) {
      add(isoDate(next), name);
    }
  }
  return [...byDate]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => a.date.localeCompare(b.date));
}
