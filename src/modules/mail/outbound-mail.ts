/** One email as the outbox keeps it until the worker sends it. */
export interface OutboundMail {
  /**
   * Unique per message (e.g. `notification:<id>`, `digest:<user>:<date>`): enqueueing the same key
   * twice keeps one mail, so a retried transaction or a repeated sweep never sends twice.
   */
  readonly dedupeKey: string;
  readonly recipientId: string | null;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string | null;
}
