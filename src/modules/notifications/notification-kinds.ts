/** What a notification is about (SPEC section 9); the database checks the same list. */
export const NOTIFICATION_KINDS = [
  'review_awaiting',
  'review_due_soon',
  'review_due',
  'review_overdue',
  'review_escalated',
  'pairing_approved',
  'pairing_returned',
  'pairing_rejected',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a user wants their notifications emailed. */
export const EMAIL_CHOICES = ['immediate', 'daily', 'none'] as const;
export type EmailChoice = (typeof EMAIL_CHOICES)[number];

export const NOTIFICATION_LANGUAGES = ['en', 'zh'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** A user's choices before they have saved any (no notification_setting row). */
export const DEFAULT_SETTINGS = { email: 'immediate', language: 'en' } as const satisfies {
  email: EmailChoice;
  language: NotificationLanguage;
};

/**
 * Escalations go to the country's admins because a round has waited too long: letting a
 * setting silence them would let a review stall unseen, so they are always emailed at once.
 */
export function alwaysEmailed(kind: NotificationKind): boolean {
  return kind === 'review_escalated';
}

/** The console page a notification links to (relative; email makes it absolute). */
export function pairingLink(pairingId: string): string {
  return `/pairings/${pairingId}`;
}
