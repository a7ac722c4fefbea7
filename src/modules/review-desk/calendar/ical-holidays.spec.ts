import { CalendarFileError, holidaysFromICalendar } from './ical-holidays';

const ics = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events, 'END:VCALENDAR'].join('\r\n');

describe('holidays from an iCalendar file', () => {
  it('reads all-day events, several-day ones day by day (DTEND exclusive)', () => {
    const holidays = holidaysFromICalendar(
      ics(
        'BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270209\r\nSUMMARY:Chinese New Year\r\nEND:VEVENT',
        'BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20270501\r\nSUMMARY:Labour Day\r\nEND:VEVENT',
      ),
    );
    expect(holidays).toEqual([
      { date: '2027-02-06', name: 'Chinese New Year' },
      { date: '2027-02-07', name: 'Chinese New Year' },
      { date: '2027-02-08', name: 'Chinese New Year' },
      { date: '2027-05-01', name: 'Labour Day' },
    ]);
  });

  it('expands yearly holidays five years', () => {
    const holidays = holidaysFromICalendar(
      ics(
        'BEGIN:VEVENT\r\nUID:3\r\nDTSTART;VALUE=DATE:20270831\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Merdeka\r\nEND:VEVENT',
      ),
    );
    expect(holidays.map((h) => h.date)).toEqual([
      '2027-08-31',
      '2028-08-31',
      '2029-08-31',
      '2030-08-31',
      '2031-08-31',
    ]);
  });

  it('refuses what is not iCalendar', () => {
    expect(() => holidaysFromICalendar('date,name\n2027-01-01,New Year')).toThrow(
      CalendarFileError,
    );
    expect(() => holidaysFromICalendar('BEGIN:VCARD\r\nEND:VCARD')).toThrow(CalendarFileError);
  });
});
