import { Injectable } from '@nestjs/common';
import { Clock } from '../../../common/jobs/clock';
import { decodeCursor, encodeCursor } from '../../../common/pagination/cursor';
import type { Actor } from '../../auth/actor';
import { pairingLink } from '../../notifications/notification-kinds';
import { defaultCalendar, type ReviewCalendar, workingWeekOf } from '../calendar/review-calendar';
import { ReviewCalendarRepository } from '../calendar/review-calendar.repository';
import type {
  ReviewQueueFilterDto,
  ReviewQueueItemDto,
  ReviewQueuePageDto,
  ReviewQueueQueryDto,
  ReviewQueueSummaryDto,
} from '../dto/review-queue.dto';
import { localDate, type ReviewStatus, workingDaysBetween } from '../working-days';
import { type QueueRow, type QueueScope, ReviewQueueRepository } from './review-queue.repository';

const SORT = 'dueOn';
const PAST_DUE: readonly ReviewStatus[] = ['overdue', 'escalated'];
const NOT_PAST_DUE: readonly ReviewStatus[] = ['pending', 'due_soon', 'due'];

/**
 * What the caller may see, narrowed by their filters. Reviewers see their country's rounds,
 * officers the rounds of their country's pairings, analysts and admins all. `awaiting=me`: a
 * reviewer's own country; an admin's escalations (admins are told of them); nothing for others.
 */
export function queueScope(
  actor: Actor,
  filter: ReviewQueueFilterDto & { state?: ReviewStatus },
): QueueScope {
  const scope: { -readonly [K in keyof QueueScope]: QueueScope[K] } = {};
  if (actor.role === 'reviewer') scope.countryCode = actor.countryCode ?? undefined;
  if (actor.role === 'officer') scope.pairingCountryCode = actor.countryCode ?? undefined;
  let statuses: readonly ReviewStatus[] | undefined;
  const narrow = (allowed: readonly ReviewStatus[]) => {
    statuses = (statuses ?? allowed).filter((status) => allowed.includes(status));
  };
  if (filter.awaiting === 'me') {
    if (actor.role === 'admin') narrow(['escalated']);
    else if (actor.role !== 'reviewer') scope.none = true;
  }
  if (filter.country) {
    if (scope.countryCode && scope.countryCode !== filter.country) scope.none = true;
    scope.countryCode = filter.country;
  }
  if (filter.overdue === true) narrow(PAST_DUE);
  if (filter.overdue === false) narrow(NOT_PAST_DUE);
  if (filter.state) narrow([filter.state]);
  if (filter.dueBefore) scope.dueBefore = filter.dueBefore;
  if (statuses) scope.statuses = statuses;
  if (statuses?.length === 0) scope.none = true;
  return scope;
}

/** The reviewer queue and its badge counts. */
@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly queue: ReviewQueueRepository,
    private readonly calendars: ReviewCalendarRepository,
    private readonly clock: Clock,
  ) {}

  async page(actor: Actor, query: ReviewQueueQueryDto): Promise<ReviewQueuePageDto> {
    const after = query.cursor ? decodeCursor(query.cursor, SORT, 2) : null;
    const rows = await this.queue.page(
      queueScope(actor, query),
      this.clock.now(),
      query.limit + 1,
      after ? { dueOn: String(after[0]), id: String(after[1]) } : null,
    );
    const pageRows = rows.slice(0, query.limit);
    const calendars = await this.calendarsOf(pageRows);
    const items = pageRows.map((row) => toItem(row, calendars.get(row.country_code.trim())!));
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > query.limit && last ? encodeCursor(SORT, [last.dueOn, last.id]) : null,
    };
  }

  async summary(actor: Actor, filter: ReviewQueueFilterDto): Promise<ReviewQueueSummaryDto> {
    const counts = await this.queue.countByStatus(queueScope(actor, filter), this.clock.now());
    const count = (status: ReviewStatus) => counts.get(status) ?? 0;
    return {
      total: [...counts.values()].reduce((sum, n) => sum + n, 0),
      pending: count('pending'),
      dueSoon: count('due_soon'),
      due: count('due'),
      overdue: count('overdue'),
      escalated: count('escalated'),
    };
  }

  private async calendarsOf(rows: readonly QueueRow[]): Promise<Map<string, ReviewCalendar>> {
    const codes = [...new Set(rows.map((row) => row.country_code.trim()))];
    const stored = codes.length ? await this.calendars.findMany(codes) : [];
    return new Map(
      codes.map((code) => [
        code,
        stored.find((c) => c.countryCode === code) ?? defaultCalendar(code),
      ]),
    );
  }
}

function toItem(row: QueueRow, calendar: ReviewCalendar): ReviewQueueItemDto {
  const week = workingWeekOf(calendar, row.subdivision_code);
  const submittedOn = localDate(row.submitted_at, row.time_zone);
  return {
    id: row.id,
    pairingId: row.pairing_id,
    pairingCode: row.pairing_code,
    pairingName: row.pairing_name,
    pairingNameZh: row.pairing_name_zh,
    round: row.round,
    countryCode: row.country_code.trim(),
    submittedAt: row.submitted_at.toISOString(),
    submittedBy: row.submitted_by,
    submittedByName: row.submitted_by_name,
    dueSoonOn: row.due_soon_on,
    dueOn: row.due_on,
    escalateOn: row.escalate_on,
    workingDaysWaiting: workingDaysBetween(submittedOn, row.today, week),
    status: row.status,
    link: pairingLink(row.pairing_id),
  };
}
