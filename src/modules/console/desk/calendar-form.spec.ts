import {
  calendarBody,
  calendarFormOf,
  calendarInWords,
  errorsOnRows,
  typedCalendarForm,
  typedInWords,
} from './calendar-form';

const saved = {
  countryCode: 'MY',
  reviewWorkingDays: 10,
  weekend: [6, 7],
  timeZone: 'Asia/Kuala_Lumpur',
  subdivisionWeekends: [{ subdivisionCode: 'MY-02', weekend: [5, 6], source: 'Kedah' }],
  holidays: [{ date: '2026-08-31', name: 'National Day', subdivisionCode: null }],
  source: 'Federal',
  version: 3,
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the review calendar form', () => {
  it('shows a saved calendar with room to add: one empty week, three empty holidays', () => {
    const form = calendarFormOf(saved);
    expect(form.weekend).toEqual(['6', '7']);
    expect(form.weeks.map((w) => w.subdivisionCode)).toEqual(['MY-02', '']);
    expect(form.holidays.map((h) => h.date)).toEqual(['2026-08-31', '', '', '']);
  });

  it('reads the post in row order, renumbered from 0, whatever the numbers sent', () => {
    const typed = typedCalendarForm({
      reviewWorkingDays: ' 12 ',
      weekend: '5',
      timeZone: 'Asia/Kuala_Lumpur',
      'holidays[10].date': '2026-01-02',
      'holidays[10].name': 'Later',
      'holidays[2].date': '2026-01-01',
      'holidays[2].name': 'Earlier',
      'holidays[2].subdivisionCode': 'my-01',
      'holidays[2].remove': 'on',
      'subdivisionWeekends[0].subdivisionCode': 'my-02',
      'subdivisionWeekends[0].weekend': ['5', '6'],
      'holidays[x].date': 'ignored',
    });
    expect(typed.reviewWorkingDays).toBe('12');
    expect(typed.weekend).toEqual(['5']);
    expect(typed.holidays).toEqual([
      { date: '2026-01-01', name: 'Earlier', subdivisionCode: 'MY-01', remove: true },
      { date: '2026-01-02', name: 'Later', subdivisionCode: '', remove: false },
    ]);
    expect(typed.weeks[0]).toEqual({
      subdivisionCode: 'MY-02',
      weekend: ['5', '6'],
      source: '',
      remove: false,
    });
  });

  it('leaves removed and empty rows out of the body, and names errors by the form’s rows', () => {
    const typed = typedCalendarForm({
      reviewWorkingDays: 'ten',
      weekend: ['6', 'x'],
      timeZone: 'UTC',
      'holidays[0].date': '2026-01-01',
      'holidays[0].name': 'Gone',
      'holidays[0].remove': 'on',
      'holidays[1].date': '',
      'holidays[1].name': '',
      'holidays[2].date': '2026-02-30',
      'holidays[2].name': 'Bad',
      'subdivisionWeekends[0].subdivisionCode': '',
      'subdivisionWeekends[1].subdivisionCode': 'MY-02',
      'subdivisionWeekends[1].weekend': '5',
    });
    const body = calendarBody(typed, 4);
    expect(body.body).toMatchObject({
      reviewWorkingDays: 'ten',
      weekend: [6, 'x'],
      holidays: [{ date: '2026-02-30', name: 'Bad', subdivisionCode: null }],
      subdivisionWeekends: [{ subdivisionCode: 'MY-02', weekend: [5], source: null }],
      source: null,
      version: 4,
    });
    expect(body.holidayRows).toEqual([2]);
    expect(body.weekRows).toEqual([1]);
    expect(
      errorsOnRows(
        {
          'holidays[0].date': 'not a date',
          'subdivisionWeekends[0].weekend': 'bad',
          reviewWorkingDays: 'a whole number',
        },
        body,
      ),
    ).toEqual({
      'holidays[2].date': 'not a date',
      'subdivisionWeekends[1].weekend': 'bad',
      reviewWorkingDays: 'a whole number',
    });
  });

  it('puts a calendar in words for the conflict table, saved and typed alike', () => {
    const day = (d: string) => ({ '5': 'Fri', '6': 'Sat', '7': 'Sun' })[d] ?? d;
    const words = calendarInWords(saved, day);
    expect(words).toEqual({
      reviewWorkingDays: '10',
      weekend: 'Sat, Sun',
      timeZone: 'Asia/Kuala_Lumpur',
      subdivisionWeekends: 'MY-02: Fri, Sat',
      holidays: '2026-08-31 National Day',
      source: 'Federal',
    });
    expect(typedInWords(calendarFormOf(saved), day)).toEqual(words);
  });
});
