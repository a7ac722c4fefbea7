import {
  addWorkingDays,
  isoWeekday,
  localDate,
  reviewDates,
  reviewStatus,
  workingDaysBetween,
  type WorkingWeek,
} from './working-days';

const SAT_SUN: WorkingWeek = { weekend: [6, 7], holidays: new Set() };
const FRI_SAT: WorkingWeek = { weekend: [5, 6], holidays: new Set() };
const BRUNEI: WorkingWeek = { weekend: [5, 7], holidays: new Set() };

describe('working days', () => {
  it('knows ISO weekdays', () => {
    expect(isoWeekday('2026-12-07')).toBe(1); // Monday
    expect(isoWeekday('2026-12-13')).toBe(7); // Sunday
  });

  it('counts from the day after, skipping the weekend', () => {
    // Friday 2026-12-04 + 1 working day = Monday 2026-12-07.
    expect(addWorkingDays('2026-12-04', 1, SAT_SUN)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-04', 10, SAT_SUN)).toBe('2026-12-18');
    expect(addWorkingDays('2026-12-04', 0, SAT_SUN)).toBe('2026-12-04');
    expect(addWorkingDays('2026-12-07', -1, SAT_SUN)).toBe('2026-12-04');
  });

  it('follows a Friday-Saturday week and Brunei’s Friday-and-Sunday week', () => {
    // Thursday 2026-12-03 + 1: Friday and Saturday rest, so Sunday 2026-12-06.
    expect(addWorkingDays('2026-12-03', 1, FRI_SAT)).toBe('2026-12-06');
    // Thursday + 1 in Brunei: Friday rests, Saturday works.
    expect(addWorkingDays('2026-12-03', 1, BRUNEI)).toBe('2026-12-05');
    expect(addWorkingDays('2026-12-05', 1, BRUNEI)).toBe('2026-12-07');
  });

  it('skips holidays', () => {
    const week: WorkingWeek = { weekend: [6, 7], holidays: new Set(['2026-12-07', '2026-12-08']) };
    expect(addWorkingDays('2026-12-04', 1, week)).toBe('2026-12-09');
    expect(workingDaysBetween('2026-12-04', '2026-12-09', week)).toBe(1);
  });

  it('counts working days waited, 0 on the day of submission', () => {
    expect(workingDaysBetween('2026-12-04', '2026-12-04', SAT_SUN)).toBe(0);
    expect(workingDaysBetween('2026-12-04', '2026-12-06', SAT_SUN)).toBe(0);
    expect(workingDaysBetween('2026-12-04', '2026-12-18', SAT_SUN)).toBe(10);
    expect(workingDaysBetween('2026-12-18', '2026-12-04', SAT_SUN)).toBe(0);
  });

  it('refuses a week without working days', () => {
    expect(() =>
      addWorkingDays('2026-12-04', 1, { weekend: [1, 2, 3, 4, 5, 6, 7], holidays: new Set() }),
    ).toThrow(RangeError);
  });

  it('takes the local date of an instant', () => {
    const instant = new Date('2026-12-04T17:30:00Z');
    expect(localDate(instant, 'UTC')).toBe('2026-12-04');
    expect(localDate(instant, 'Asia/Kuala_Lumpur')).toBe('2026-12-05');
  });

  it('dates a review period: due soon 2 working days before, escalation 3 after', () => {
    const dates = reviewDates('2026-12-04', 10, SAT_SUN);
    expect(dates).toEqual({
      dueSoonOn: '2026-12-16',
      dueOn: '2026-12-18',
      escalateOn: '2026-12-23',
    });
    expect(reviewStatus('2026-12-15', dates)).toBe('pending');
    expect(reviewStatus('2026-12-16', dates)).toBe('due_soon');
    expect(reviewStatus('2026-12-18', dates)).toBe('due');
    expect(reviewStatus('2026-12-21', dates)).toBe('overdue');
    expect(reviewStatus('2026-12-23', dates)).toBe('escalated');
  });

  it('a period shorter than the warning is due soon from the start', () => {
    expect(reviewDates('2026-12-04', 1, SAT_SUN).dueSoonOn).toBe('2026-12-04');
  });
});
