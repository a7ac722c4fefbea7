import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../../common/jobs/clock';
import { Notifier } from '../../notifications/notifier';
import type { NotifiedPairing } from '../../notifications/notification-request';
import {
  defaultCalendar,
  type ReviewCalendar,
  sharedSubdivision,
  workingWeekOf,
} from '../calendar/review-calendar';
import { ReviewCalendarRepository } from '../calendar/review-calendar.repository';
import { localDate, reviewDates } from '../working-days';
import { ReviewRoundRepository, type SideToDate } from './review-round.repository';
import { DeskRecipients } from './desk-recipients';

/** A pairing at the moment something happens to its review. */
export interface PairingUnderReview extends NotifiedPairing {
  readonly round: number;
  readonly submittedBy: string | null;
}

export type FinalDecision = 'approved' | 'returned' | 'rejected';

/**
 * The desk's part of the review workflow, run inside the workflow's own transactions: a
 * submission dates each side's review from that side's calendar and tells its reviewers; a
 * final decision tells the pairing's officers. Deciding stays with PairingsService (and people):
 * nothing here changes a pairing.
 */
@Injectable()
export class ReviewRounds {
  constructor(
    private readonly rounds: ReviewRoundRepository,
    private readonly calendars: ReviewCalendarRepository,
    private readonly recipients: DeskRecipients,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  /** The pairing was just submitted: one dated round per side, and its reviewers told. */
  async opened(manager: EntityManager, pairing: PairingUnderReview): Promise<void> {
    const submittedAt = this.clock.now();
    const sides = await this.rounds.sidesOf(manager, pairing.id);
    const calendars = await this.calendarsOf(
      manager,
      sides.map((side) => side.countryCode),
    );
    for (const side of sides) {
      const dated = dateSide(calendars.get(side.countryCode)!, side, submittedAt);
      await this.rounds.insert(manager, {
        pairingId: pairing.id,
        round: pairing.round,
        countryCode: side.countryCode,
        submittedAt,
        submittedBy: pairing.submittedBy,
        ...dated,
      });
      await this.notifier.notify(manager, {
        kind: 'review_awaiting',
        recipientIds: await this.recipients.reviewersOf(manager, side.countryCode),
        pairing,
        round: pairing.round,
        countryCode: side.countryCode,
        dueOn: dated.dates.dueOn,
        workingDaysWaiting: 0,
      });
    }
  }

  /** A side decided and the pairing left review: its officers (and submitter) are told. */
  async decided(
    manager: EntityManager,
    pairing: PairingUnderReview,
    outcome: FinalDecision,
    decision: { countryCode: string; reason: string | null; decidedBy: string },
  ): Promise<void> {
    await this.notifier.notify(manager, {
      kind: `pairing_${outcome}`,
      recipientIds: await this.recipients.officersOf(manager, pairing.id, pairing.submittedBy),
      pairing,
      round: pairing.round,
      countryCode: decision.countryCode,
      reason: outcome === 'approved' ? null : decision.reason,
      decidedByName: await this.recipients.nameOf(manager, decision.decidedBy),
    });
  }

  /**
   * A country's calendar changed: the rounds it has still to decide are dated again from their
   * submission, so a holiday entered late still moves the due date.
   */
  async calendarChanged(manager: EntityManager, calendar: ReviewCalendar): Promise<number> {
    const open = await this.rounds.openRoundsOf(manager, calendar.countryCode);
    for (const round of open) {
      const week = workingWeekOf(calendar, round.subdivisionCode);
      const submittedOn = localDate(round.submittedAt, calendar.timeZone);
      const dates = reviewDates(submittedOn, calendar.reviewWorkingDays, week);
      await this.rounds.redate(manager, round.id, calendar.timeZone, dates);
    }
    return open.length;
  }

  private async calendarsOf(
    manager: EntityManager,
    countryCodes: readonly string[],
  ): Promise<Map<string, ReviewCalendar>> {
    const stored = await this.calendars.findMany(countryCodes, manager);
    return new Map(
      countryCodes.map((code) => [
        code,
        stored.find((calendar) => calendar.countryCode === code) ?? defaultCalendar(code),
      ]),
    );
  }
}

/** The dates of one side's review, from its calendar and the subdivision its parks share. */
export function dateSide(calendar: ReviewCalendar, side: SideToDate, submittedAt: Date) {
  const subdivisionCode = sharedSubdivision(side.subdivisionCodes);
  const week = workingWeekOf(calendar, subdivisionCode);
  const submittedOn = localDate(submittedAt, calendar.timeZone);
  return {
    timeZone: calendar.timeZone,
    subdivisionCode,
    dates: reviewDates(submittedOn, calendar.reviewWorkingDays, week),
  };
}
