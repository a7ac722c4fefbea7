import type { PublishedIndex } from '../published/published-view';

/** What every feed of one snapshot shares. */
export interface FeedContext {
  readonly index: PublishedIndex;
  /** The snapshot's id and time: the feeds of one snapshot are the same bytes every time. */
  readonly snapshotId: number;
  readonly publishedAt: Date;
  /** Base of the public links (PUBLIC_URL), no trailing slash. */
  readonly baseUrl: string;
}

export const ISIC_URI = 'https://unstats.un.org/unsd/classifications/Econ/isic';

/** UTC date of the publication: "today" for the rules on dates in the future. */
export const publicationDate = (context: FeedContext): string =>
  context.publishedAt.toISOString().slice(0, 10);

/** ISO 8601 in UTC to the second, as the feeds print times. */
export const utcSeconds = (time: Date): string => `${time.toISOString().slice(0, 19)}Z`;

/** A local id made safe for an IATI identifier (which may not hold / & | ? or spaces). */
export const identifierPart = (local: string): string => local.replace(/[/&|?\s]+/g, '_');

export const documentUrl = (context: FeedContext, documentId: string): string =>
  `${context.baseUrl}/open/documents/${documentId}`;
