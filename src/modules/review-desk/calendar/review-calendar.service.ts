import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type FieldError, invalidInput } from '../../../common/errors/domain-error';
import { expectedVersion, staleVersion } from '../../../common/http/expected-version';
import { AuditedTransactions, type WriteContext } from '../../../database/audited-transactions';
import { countryNotFound } from '../../countries/countries.errors';
import type {
  HolidayImportResultDto,
  PutReviewCalendarDto,
  ReviewCalendarDto,
} from '../dto/review-calendar.dto';
import { ReviewRounds } from '../rounds/review-rounds.service';
import { isTimeZone } from '../working-days';
import { CalendarFileError, holidaysFromICalendar } from './ical-holidays';
import { defaultCalendar, type Holiday, type ReviewCalendar } from './review-calendar';
import { type CalendarValues, ReviewCalendarRepository } from './review-calendar.repository';

function toDto(calendar: ReviewCalendar): ReviewCalendarDto {
  return {
    countryCode: calendar.countryCode,
    reviewWorkingDays: calendar.reviewWorkingDays,
    weekend: [...calendar.weekend],
    timeZone: calendar.timeZone,
    subdivisionWeekends: calendar.subdivisionWeekends.map((week) => ({
      subdivisionCode: week.subdivisionCode,
      weekend: [...week.weekend],
      source: week.source ?? null,
    })),
    holidays: calendar.holidays.map((holiday) => ({
      date: holiday.date,
      name: holiday.name,
      subdivisionCode: holiday.subdivisionCode ?? null,
    })),
    source: calendar.source,
    version: calendar.version,
    updatedAt: calendar.updatedAt?.toISOString() ?? null,
  };
}

const byDateThenPlace = (a: Holiday, b: Holiday) =>
  a.date.localeCompare(b.date) || (a.subdivisionCode ?? '').localeCompare(b.subdivisionCode ?? '');

/**
 * Review calendars, kept by admins: the review period, working weeks (national and of
 * subdivisions) and holidays. A change re-dates the rounds the country has still to decide, in
 * the same audited transaction.
 */
@Injectable()
export class ReviewCalendarService {
  constructor(
    private readonly calendars: ReviewCalendarRepository,
    private readonly rounds: ReviewRounds,
    private readonly transactions: AuditedTransactions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async get(countryCode: string): Promise<ReviewCalendarDto> {
    return toDto(await this.current(countryCode));
  }

  /**
   * Replaces the calendar. A stored calendar needs the version read (If-Match or `version`); a
   * country still on the default has none to give (or gives 0).
   */
  async put(
    countryCode: string,
    dto: PutReviewCalendarDto,
    ifMatch: string | undefined,
    context: WriteContext,
  ): Promise<ReviewCalendarDto> {
    await this.current(countryCode);
    const values = await this.checked(countryCode, dto);
    await this.transactions.run(context, async (manager) => {
      const stored = await this.calendars.lock(manager, countryCode);
      if (stored) {
        const version = expectedVersion(ifMatch, dto.version);
        if (!(await this.calendars.updateAtVersion(manager, countryCode, version, values))) {
          throw staleVersion('review calendar', stored.version);
        }
      } else {
        const version =
          ifMatch || dto.version !== undefined ? expectedVersion(ifMatch, dto.version) : 0;
        if (version !== 0 || !(await this.calendars.insert(manager, countryCode, values))) {
          throw staleVersion('review calendar', 0);
        }
      }
      const saved = await this.calendars.find(countryCode, manager);
      if (saved) await this.rounds.calendarChanged(manager, saved);
    });
    return this.get(countryCode);
  }

  /**
   * Adds the holidays of an iCalendar file (for the whole country, or one subdivision): dates
   * the calendar already has keep their names; everything else stays as it was.
   */
  async importHolidays(
    countryCode: string,
    text: string,
    subdivisionCode: string | null,
    ifMatch: string | undefined,
    context: WriteContext,
  ): Promise<HolidayImportResultDto> {
    const current = await this.current(countryCode);
    let imported;
    try {
      imported = holidaysFromICalendar(text);
    } catch (error) {
      if (!(error instanceof CalendarFileError)) throw error;
      throw invalidInput([{ path: 'body', message: error.message }]);
    }
    const scope = subdivisionCode ?? null;
    const present = new Set(
      current.holidays
        .filter((holiday) => (holiday.subdivisionCode ?? null) === scope)
        .map((holiday) => holiday.date),
    );
    const added = imported
      .filter((holiday) => !present.has(holiday.date))
      .map((holiday) => ({ ...holiday, ...(scope ? { subdivisionCode: scope } : {}) }));
    const calendar = await this.put(
      countryCode,
      {
        reviewWorkingDays: current.reviewWorkingDays,
        weekend: [...current.weekend],
        timeZone: current.timeZone,
        subdivisionWeekends: current.subdivisionWeekends.map((week) => ({
          ...week,
          weekend: [...week.weekend],
        })),
        holidays: [...current.holidays, ...added],
        source: current.source,
      },
      ifMatch,
      context,
    );
    return { calendar, added: added.length, alreadyPresent: imported.length - added.length };
  }

  private async current(countryCode: string): Promise<ReviewCalendar> {
    const exists: unknown[] = await this.dataSource.query(
      `SELECT FROM registry.country WHERE code = $1`,
      [countryCode],
    );
    if (exists.length === 0) throw countryNotFound(countryCode);
    return (await this.calendars.find(countryCode)) ?? defaultCalendar(countryCode);
  }

  /** What the DTO cannot check alone: the zone, whose subdivisions, duplicates. */
  private async checked(countryCode: string, dto: PutReviewCalendarDto): Promise<CalendarValues> {
    const errors: FieldError[] = [];
    if (!isTimeZone(dto.timeZone) || !(await this.calendars.knowsTimeZone(dto.timeZone))) {
      errors.push({
        path: 'timeZone',
        message: `${dto.timeZone} is not an IANA time zone such as Asia/Kuala_Lumpur`,
      });
    }
    const ownSubdivision = (code: string) => code.startsWith(`${countryCode}-`);
    const weeks = dto.subdivisionWeekends ?? [];
    const seenWeeks = new Set<string>();
    weeks.forEach((week, index) => {
      if (!ownSubdivision(week.subdivisionCode)) {
        errors.push({
          path: `subdivisionWeekends[${index}].subdivisionCode`,
          message: `${week.subdivisionCode} is not a subdivision of ${countryCode}`,
        });
      } else if (seenWeeks.has(week.subdivisionCode)) {
        errors.push({
          path: `subdivisionWeekends[${index}].subdivisionCode`,
          message: `${week.subdivisionCode} is listed twice`,
        });
      }
      seenWeeks.add(week.subdivisionCode);
    });
    const holidays = dto.holidays ?? [];
    const seenDays = new Set<string>();
    holidays.forEach((holiday, index) => {
      const place = holiday.subdivisionCode ?? null;
      if (place && !ownSubdivision(place)) {
        errors.push({
          path: `holidays[${index}].subdivisionCode`,
          message: `${place} is not a subdivision of ${countryCode}`,
        });
      }
      if (Number.isNaN(Date.parse(`${holiday.date}T00:00:00Z`))) {
        errors.push({
          path: `holidays[${index}].date`,
          message: `${holiday.date} is not a calendar date`,
        });
      }
      const key = `${holiday.date}/${place ?? ''}`;
      if (seenDays.has(key)) {
        errors.push({
          path: `holidays[${index}].date`,
          message: `${holiday.date} is listed twice${place ? ` for ${place}` : ''}`,
        });
      }
      seenDays.add(key);
    });
    if (errors.length > 0) throw invalidInput(errors);
    return {
      reviewWorkingDays: dto.reviewWorkingDays,
      weekend: [...new Set(dto.weekend)].sort(),
      timeZone: dto.timeZone,
      subdivisionWeekends: weeks
        .map((week) => ({
          subdivisionCode: week.subdivisionCode,
          weekend: [...new Set(week.weekend)].sort(),
          ...(week.source ? { source: week.source } : {}),
        }))
        .sort((a, b) => a.subdivisionCode.localeCompare(b.subdivisionCode)),
      holidays: holidays
        .map((holiday) => ({
          date: holiday.date,
          name: holiday.name,
          ...(holiday.subdivisionCode ? { subdivisionCode: holiday.subdivisionCode } : {}),
        }))
        .sort(byDateThenPlace),
      source: dto.source ?? null,
    };
  }
}
