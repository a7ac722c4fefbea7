/** A moment as a wall clock in some time zone shows it. */
export interface LocalTime {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly hour: number;
  /** YYYY-MM-DD HH:mm, for people. */
  readonly text: string;
  /** The zone actually used (UTC when the one asked for is unknown). */
  readonly timeZone: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat | null {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return null; // RangeError: not an IANA zone this runtime knows
    }
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * The local date and hour of `instant` in an IANA time zone. An unknown zone counts as UTC, so
 * one bad calendar entry delays nobody's digest.
 */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const zone = formatFor(timeZone) ? timeZone : 'UTC';
  const parts = Object.fromEntries(
    (formatFor(zone) as Intl.DateTimeFormat)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  ) as Record<Intl.DateTimeFormatPartTypes, string>;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return {
    date,
    hour: Number(parts.hour),
    text: `${date} ${parts.hour}:${parts.minute}`,
    timeZone: zone,
  };
}
