import { Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { NotificationsService } from '../../notifications/notifications.service';
import type { ReviewQueueSummaryDto } from '../../review-desk/dto/review-queue.dto';
import { ReviewQueueService } from '../../review-desk/queue/review-queue.service';

/** What the header shows on every page: unread notifications, and reviews needing attention. */
export interface DeskBadgeCounts {
  readonly unread: number;
  /** What awaits the actor (reviewers: their country's rounds; admins: escalations); else null. */
  readonly queue: ReviewQueueSummaryDto | null;
  /** Rounds of that queue due soon, due, overdue or escalated: the Reviews badge. */
  readonly attention: number;
}

/** Reviewers and admins have a queue of their own (`awaiting=me`); others have none. */
export function hasReviewQueue(actor: Actor): boolean {
  return actor.role === 'reviewer' || actor.role === 'admin';
}

/** The header's counts: one query for the inbox, one for the queue, per page. */
@Injectable()
export class DeskBadges {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly queue: ReviewQueueService,
  ) {}

  async of(actor: Actor): Promise<DeskBadgeCounts> {
    const [inbox, queue] = await Promise.all([
      this.notifications.unreadCount(actor.userId),
      hasReviewQueue(actor) ? this.queue.summary(actor, { awaiting: 'me' }) : null,
    ]);
    const attention = queue ? queue.dueSoon + queue.due + queue.overdue + queue.escalated : 0;
    return { unread: inbox.unread, queue, attention };
  }
}

type Loader = () => Promise<DeskBadgeCounts>;
const loaders = new WeakMap<object, Loader>();
const loaded = new WeakMap<object, Promise<DeskBadgeCounts | null>>();

/** Called for each console request with a signed-in user, before its handler. */
export function attachDeskBadges(request: object, load: Loader): void {
  loaders.set(request, load);
}

/**
 * The header's counts for this request, read at most once however often a page asks (the
 * layout and the dashboard both do). A page the badges cannot be read for (the database is
 * down: its own error page) is shown without them.
 */
export function deskBadgesOf(request: object): Promise<DeskBadgeCounts | null> {
  let counts = loaded.get(request);
  if (!counts) {
    const load = loaders.get(request);
    counts = load ? load().catch(() => null) : Promise.resolve(null);
    loaded.set(request, counts);
  }
  return counts;
}
