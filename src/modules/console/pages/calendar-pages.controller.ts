import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DomainError } from '../../../common/errors/domain-error';
import { AuditService } from '../../audit/audit.service';
import { ConsoleAccessAs, mayUse } from '../../auth/console-access';
import { CountryCodePipe } from '../../countries/country-code.pipe';
import {
  HolidayImportQueryDto,
  ReviewCalendarController,
} from '../../review-desk/calendar/review-calendar.controller';
import { ReviewCalendarService } from '../../review-desk/calendar/review-calendar.service';
import {
  PutReviewCalendarDto,
  type ReviewCalendarDto,
} from '../../review-desk/dto/review-calendar.dto';
import { CSRF_FIELD } from '../console-http';
import { ConsoleQueries } from '../console-queries';
import { actorOf, formContext, localeOf, redirectTo, renderPage } from '../console-view';
import {
  type CalendarForm,
  calendarBody,
  calendarFormOf,
  calendarInWords,
  errorsOnRows,
  typedCalendarForm,
  typedInWords,
  withBlankRows,
} from '../desk/calendar-form';
import {
  type FieldErrors,
  fieldErrorsOf,
  postedForm,
  textField,
  validateAs,
  versionField,
} from '../form-input';
import { historyQuery } from '../history-page';
import type { MessageKey } from '../i18n/messages-en';
import { csrfRefused, csrfTokenValid } from '../multipart-csrf';
import type { ConflictView } from '../record-form';

/** The calendar's parts, as the audit trail names their columns (camelCase in its answers). */
const CALENDAR_FIELDS = [
  'reviewWorkingDays',
  'weekend',
  'timeZone',
  'subdivisionWeekends',
  'holidays',
  'source',
] as const;

/** The same bound as the API's text/calendar body. */
const MAX_ICS_BYTES = 2 * 1024 * 1024;

/**
 * Time zones offered as the admin types: those of China and the ASEAN members, and UTC. Any
 * other IANA zone may still be typed.
 */
const TIME_ZONES = [
  'UTC',
  'Asia/Bangkok',
  'Asia/Brunei',
  'Asia/Dili',
  'Asia/Ho_Chi_Minh',
  'Asia/Jakarta',
  'Asia/Jayapura',
  'Asia/Kuala_Lumpur',
  'Asia/Kuching',
  'Asia/Makassar',
  'Asia/Manila',
  'Asia/Phnom_Penh',
  'Asia/Pontianak',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Vientiane',
  'Asia/Yangon',
];

interface Upload {
  readonly version: number | undefined;
  readonly subdivision: string;
  readonly reason: string;
  readonly fileName: string;
  readonly text: string | null;
  readonly fileError: MessageKey | null;
}

/**
 * Review calendars: the list of countries that have one, and each country's page, which every
 * role may read and admins edit (the same PUT and holiday import as the API, audited).
 */
@Controller()
export class CalendarPagesController {
  constructor(
    private readonly calendars: ReviewCalendarService,
    private readonly audit: AuditService,
    private readonly queries: ConsoleQueries,
  ) {}

  @Get('review-calendars')
  @ConsoleAccessAs(ReviewCalendarController, 'get')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const typed = textField(query, 'country').toUpperCase();
    let errors: FieldErrors = {};
    if (typed) {
      const country = /^[A-Z]{2}$/.test(typed) ? await this.queries.country(typed) : null;
      if (country) {
        await redirectTo(reply, `/countries/${country.code}/review-calendar`);
        return;
      }
      errors = { country: localeOf(request).t('calendars.unknownCountry', { code: typed }) };
    }
    await renderPage(
      request,
      reply,
      'desk/calendars',
      { calendars: await this.queries.reviewCalendars(), country: typed, errors },
      typed ? 400 : 200,
    );
  }

  @Get('countries/:code/review-calendar')
  @ConsoleAccessAs(ReviewCalendarController, 'get')
  async page(
    @Param('code', CountryCodePipe) code: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const calendar = await this.calendars.get(code);
    await this.render(request, reply, calendar, calendarFormOf(calendar), calendar.version, {
      notice: importNotice(request),
    });
  }

  @Post('countries/:code/review-calendar')
  @ConsoleAccessAs(ReviewCalendarController, 'put')
  async save(
    @Param('code', CountryCodePipe) code: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const form = postedForm(request);
    const typed = typedCalendarForm(form);
    const formVersion = versionField(form);
    const body = calendarBody(typed, formVersion ?? textField(form, 'version'));
    const input = await validateAs(PutReviewCalendarDto, body.body);
    if (input.errors) {
      const calendar = await this.calendars.get(code);
      await this.render(request, reply, calendar, typed, formVersion ?? calendar.version, {
        errors: errorsOnRows(input.errors, body),
        status: 400,
      });
      return;
    }
    try {
      await this.calendars.put(code, input.value, undefined, formContext(request, form));
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
      const calendar = await this.calendars.get(code);
      if (error.kind === 'precondition_failed') {
        const conflict = await this.conflict(request, calendar, typed, formVersion ?? 0);
        await this.render(request, reply, calendar, typed, calendar.version, {
          conflict,
          status: 412,
        });
        return;
      }
      if (error.kind !== 'invalid') throw error;
      await this.render(request, reply, calendar, typed, formVersion ?? calendar.version, {
        errors: errorsOnRows(fieldErrorsOf(error), body),
        status: 400,
      });
      return;
    }
    await redirectTo(reply, `/countries/${code}/review-calendar?flash=saved`);
  }

  @Post('countries/:code/review-calendar/holidays')
  @ConsoleAccessAs(ReviewCalendarController, 'importHolidays')
  async importHolidays(
    @Param('code', CountryCodePipe) code: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const upload = await readUpload(request, reply);
    const text = localeOf(request);
    const errors: Record<string, string> = {};
    if (upload.fileError) errors.file = text.t(upload.fileError);
    const scope = await validateAs(HolidayImportQueryDto, {
      ...(upload.subdivision ? { subdivision: upload.subdivision } : {}),
    });
    Object.assign(errors, scope.errors ?? {});
    let status = 400;
    if (Object.keys(errors).length === 0 && upload.text !== null) {
      try {
        const result = await this.calendars.importHolidays(
          code,
          upload.text,
          scope.value?.subdivision ?? null,
          `"${upload.version ?? 0}"`,
          {
            actor: actorOf(request).userId,
            requestId: String(request.id),
            reason:
              upload.reason.slice(0, 500) ||
              `Holidays imported from ${upload.fileName}`.slice(0, 500),
          },
        );
        await redirectTo(
          reply,
          `/countries/${code}/review-calendar?flash=holidaysImported&added=${result.added}&present=${result.alreadyPresent}`,
        );
        return;
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
        if (error.kind === 'precondition_failed') {
          errors.file = text.t('calendar.importStale');
          status = 412;
        } else if (error.kind === 'invalid') {
          // The file's problem (the API names the body) belongs to the file field.
          for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
            errors[path === 'body' || path === '' ? 'file' : path] = message;
          }
        } else {
          throw error;
        }
      }
    }
    const calendar = await this.calendars.get(code);
    await this.render(request, reply, calendar, calendarFormOf(calendar), calendar.version, {
      uploadErrors: errors,
      upload: { subdivision: upload.subdivision, reason: upload.reason },
      status,
    });
  }

  /** Who changed the calendar since the form's version, and their parts beside the user's. */
  private async conflict(
    request: FastifyRequest,
    calendar: ReviewCalendarDto,
    typed: CalendarForm,
    formVersion: number,
  ): Promise<ConflictView> {
    const text = localeOf(request);
    const dayName = (day: string) =>
      /^[1-7]$/.test(day) ? text.t(`weekday.${day}` as MessageKey) : day;
    const history = await this.audit.history(
      'review_calendar',
      calendar.countryCode,
      await historyQuery(),
    );
    const later = history.items.filter(
      (change) => Number(change.after?.version ?? change.before?.version ?? 0) > formVersion,
    );
    // A calendar stored meanwhile (the form was on the defaults) changed every part.
    const changed = new Set<string>(
      later.flatMap((change) => (change.op === 'insert' ? CALENDAR_FIELDS : change.changed)),
    );
    const saved = calendarInWords(calendar, dayName);
    const yours = typedInWords(typed, dayName);
    const names = await this.queries.actorNames(later.map((change) => change.actor));
    return {
      rows: CALENDAR_FIELDS.filter((field) => changed.has(field)).map((field) => ({
        field,
        label: text.t(`calendar.field.${field}`),
        saved: saved[field],
        yours: yours[field],
      })),
      changes: later.map((change) => ({
        actor: names.get(change.actor) ?? change.actor,
        at: change.at,
        reason: change.reason,
      })),
    };
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    calendar: ReviewCalendarDto,
    values: CalendarForm,
    version: number,
    options: {
      readonly errors?: FieldErrors;
      readonly conflict?: ConflictView;
      readonly uploadErrors?: FieldErrors;
      readonly upload?: { readonly subdivision: string; readonly reason: string };
      readonly notice?: string | null;
      readonly status?: number;
    } = {},
  ): Promise<void> {
    const form = request.method === 'POST' && !request.isMultipart() ? postedForm(request) : {};
    await renderPage(
      request,
      reply,
      'desk/calendar',
      {
        calendar,
        country: await this.queries.country(calendar.countryCode),
        values: withBlankRows(values),
        version,
        errors: options.errors ?? {},
        conflict: options.conflict ?? null,
        conflictTitle: 'calendar.conflictTitle',
        uploadErrors: options.uploadErrors ?? {},
        upload: options.upload ?? { subdivision: '', reason: '' },
        notice: options.notice ?? null,
        canEdit: mayUse(actorOf(request), ReviewCalendarController, 'put'),
        weekdays: ['1', '2', '3', '4', '5', '6', '7'],
        timeZones: TIME_ZONES,
        reason: textField(form, 'reason'),
      },
      options.status ?? 200,
    );
  }
}

/** "N holidays added" after an import (the numbers come back on the redirect). */
function importNotice(request: FastifyRequest): string | null {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const added = textField(query, 'added');
  const present = textField(query, 'present');
  if (textField(query, 'flash') !== 'holidaysImported') return null;
  if (!/^\d{1,6}$/.test(added) || !/^\d{1,6}$/.test(present)) return null;
  const text = localeOf(request);
  return text.t('calendar.imported', {
    added: text.number(added),
    present: text.number(present),
  });
}

/**
 * Reads the file as UTF-8 text, up to the limit; a larger file or one that is not UTF-8 is
 * refused. The stream is read to its end either way, so the request can finish.
 */
async function readText(
  file: Readable,
): Promise<{ text: string | null; error: MessageKey | null }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_ICS_BYTES) chunks.push(chunk);
  }
  if (size > MAX_ICS_BYTES) return { text: null, error: 'calendar.fileTooLarge' };
  if (size === 0) return { text: null, error: 'calendar.fileMissing' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    return { text, error: null };
  } catch {
    return { text: null, error: 'calendar.fileNotText' };
  }
}

/**
 * The upload form's parts in order: the CSRF token first (checked before the file is read),
 * then version, subdivision and reason, then the file.
 */
async function readUpload(request: FastifyRequest, reply: FastifyReply): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new DomainError(
      'unsupported_media_type',
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the form as multipart/form-data with the iCalendar file.',
    );
  }
  let csrfOk = false;
  const fields: Record<string, string> = {};
  let fileName = '';
  let read: { text: string | null; error: MessageKey | null } = {
    text: null,
    error: 'calendar.fileMissing',
  };
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      const value = typeof part.value === 'string' ? part.value : '';
      if (part.fieldname === CSRF_FIELD) csrfOk = csrfTokenValid(request, reply, value);
      else fields[part.fieldname] = value;
      continue;
    }
    if (!csrfOk) throw csrfRefused();
    fileName = part.filename;
    read = await readText(part.file);
  }
  if (!csrfOk) throw csrfRefused();
  return {
    version: versionField(fields),
    subdivision: textField(fields, 'subdivision').toUpperCase(),
    reason: textField(fields, 'importReason'),
    fileName: fileName || 'an iCalendar file',
    text: read.text,
    fileError: read.error,
  };
}
