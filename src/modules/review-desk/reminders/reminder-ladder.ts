import type { NotificationKind } from '../../notifications/notification-kinds';
import type { ReviewStatus } from '../working-days';

/** The reviewers' reminders, in the order a round reaches them. */
const LADDER: readonly NotificationKind[] = ['review_due_soon', 'review_due', 'review_overdue'];

const REMINDER_FOR: Partial<Record<ReviewStatus, NotificationKind>> = {
  due_soon: 'review_due_soon',
  due: 'review_due',
  overdue: 'review_overdue',
  escalated: 'review_overdue',
};

/**
 * What the sweep owes a round now, from where it stands and what it has had. Each kind goes
 * once per round. A sweep that comes late (the service was down) sends where the round stands,
 * not the reminders it has passed: a "due soon" for a round already overdue would mislead.
 * Escalation to the admins is its own step, once, from the escalation date on.
 */
export function remindersOwed(status: ReviewStatus, sent: readonly string[]): NotificationKind[] {
  const owed: NotificationKind[] = [];
  const reminder = REMINDER_FOR[status];
  if (reminder) {
    const rank = LADDER.indexOf(reminder);
    const hadThisOrLater = LADDER.slice(rank).some((kind) => sent.includes(kind));
    if (!hadThisOrLater) owed.push(reminder);
  }
  if (status === 'escalated' && !sent.includes('review_escalated')) owed.push('review_escalated');
  return owed;
}
