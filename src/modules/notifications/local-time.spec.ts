import { localTime } from './local-time';

describe('localTime', () => {
  it('gives the wall-clock date and hour of an instant in a time zone', () => {
    const instant = new Date('2026-03-01T23:30:00Z');
    expect(localTime(instant, 'UTC')).toEqual({
      date: '2026-03-01',
      hour: 23,
      text: '2026-03-01 23:30',
      timeZone: 'UTC',
    });
    // Kuala Lumpur is UTC+8: already the next morning.
    expect(localTime(instant, 'Asia/Kuala_Lumpur')).toMatchObject({
      date: '2026-03-02',
      hour: 7,
      text: '2026-03-02 07:30',
    });
  });

  it('counts midnight as hour 0', () => {
    expect(localTime(new Date('2026-03-02T00:05:00Z'), 'UTC').hour).toBe(0);
  });

  it('treats an unknown zone as UTC', () => {
    expect(localTime(new Date('2026-03-01T23:30:00Z'), 'Mars/Olympus_Mons')).toMatchObject({
      date: '2026-03-01',
      hour: 23,
      timeZone: 'UTC',
    });
  });
});
