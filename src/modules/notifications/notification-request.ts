import type { NotificationKind } from './notification-kinds';

/** The pairing a notification is about, as its recipients will read it named. */
export interface NotifiedPairing {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameZh: string | null;
}

/** What happened, for whom: everything the templates need to say it in either language. */
export interface NotificationRequest {
  readonly kind: NotificationKind;
  /** Duplicates are notified once; inactive users are skipped. */
  readonly recipientIds: readonly string[];
  readonly pairing: NotifiedPairing;
  readonly round: number;
  /** The side concerned: the reviewing country, or the side that decided. */
  readonly countryCode: string;
  /** YYYY-MM-DD: when the review is due (reminders and review_awaiting). */
  readonly dueOn?: string | null;
  readonly workingDaysWaiting?: number | null;
  /** Why the pairing was returned or rejected. */
  readonly reason?: string | null;
  /** Who decided (approved, returned, rejected). */
  readonly decidedByName?: string | null;
}
