import { createHash } from 'node:crypto';
import type { Exactness, Precision } from '../../geography/geo-point';

/**
 * What the registry publishes, as `published-view.sql.ts` builds it. Amounts and percentages
 * are decimal strings (exact, as stored); dates are YYYY-MM-DD; times are UTC.
 */
export interface PublishedView {
  /** Null until an admin names the publisher: nothing is published without one. */
  readonly publisher: PublishedPublisher | null;
  readonly pairings: readonly PublishedPairing[];
  readonly parks: readonly PublishedPark[];
  readonly investors: readonly PublishedInvestor[];
  readonly projects: readonly PublishedProject[];
}

export interface PublishedPublisher {
  readonly name: string;
  readonly nameZh: string | null;
  readonly orgId: string;
  readonly orgType: string;
  readonly licenceId: string;
  readonly licenceUrl: string;
}

export interface PublishedSource {
  readonly url?: string;
  readonly title: string;
  readonly accessedOn?: string;
  readonly documentId?: string;
}

export interface PublishedDocument {
  readonly id: string;
  readonly title: string;
  readonly titleZh: string | null;
  /** IATI DocumentCategory. */
  readonly category: string;
  readonly language: string;
  readonly documentDate: string | null;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

export interface PublishedLocation {
  readonly lon: number;
  readonly lat: number;
  readonly exactness: Exactness | null;
  readonly precision: Precision | null;
  readonly subdivisionCode: string | null;
}

export interface PublishedIndustry {
  readonly code: string;
  readonly title: string;
  /** ISIC section letter. */
  readonly section: string;
}

export interface PublishedPairing {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameZh: string | null;
  readonly description: string | null;
  readonly status: 'proposed' | 'active' | 'suspended' | 'terminated';
  readonly agreementSignedOn: string | null;
  readonly launchedOn: string | null;
  readonly approvedOn: string | null;
  readonly updatedAt: string;
  /** Chinese parks first, then by park code. */
  readonly parks: readonly { readonly parkId: string; readonly countryCode: string }[];
  readonly industries: readonly PublishedIndustry[];
  readonly sources: readonly PublishedSource[];
  readonly documents: readonly PublishedDocument[];
}

export interface PublishedPark {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameZh: string | null;
  readonly nameLocal: string | null;
  readonly countryCode: string;
  readonly subdivisionCode: string | null;
  readonly city: string | null;
  readonly zoneType: string;
  readonly status: string | null;
  readonly establishedOn: string | null;
  readonly areaHa: string | null;
  readonly website: string | null;
  readonly description: string | null;
  readonly location: PublishedLocation | null;
  readonly sources: readonly PublishedSource[];
  readonly documents: readonly PublishedDocument[];
}

export interface PublishedInvestor {
  readonly id: string;
  readonly name: string;
  readonly nameZh: string | null;
  readonly nameLocal: string | null;
  readonly countryCode: string;
  readonly type: string | null;
  readonly website: string | null;
  readonly identifiers: readonly { readonly scheme: string; readonly value: string }[];
  readonly documents: readonly PublishedDocument[];
}

export interface PublishedProject {
  readonly id: string;
  readonly ref: string;
  readonly title: string;
  readonly description: string | null;
  readonly pairingId: string;
  readonly parkId: string;
  readonly hostCountryCode: string;
  readonly type: string;
  readonly stage: string;
  readonly announcedOn: string | null;
  readonly signedOn: string | null;
  readonly constructionStartOn: string | null;
  readonly operationalOn: string | null;
  readonly referenceDate: string;
  readonly investmentAmount: string | null;
  readonly investmentCurrency: string | null;
  readonly amountUsd: string | null;
  /** The FX rate's date (null for USD amounts, which need none, and where no rate exists). */
  readonly usdRateDate: string | null;
  readonly jobsPlanned: number | null;
  readonly jobsActual: number | null;
  readonly estimated: boolean;
  readonly updatedAt: string;
  /** The project's own point; null: it lies at its park's. */
  readonly location: PublishedLocation | null;
  readonly sectors: readonly (PublishedIndustry & { readonly percentage: string })[];
  readonly investors: readonly {
    readonly investorId: string;
    readonly role: string;
    readonly sharePct: string | null;
  }[];
  readonly sources: readonly PublishedSource[];
  readonly documents: readonly PublishedDocument[];
}

/**
 * Canonical JSON (RFC 8785 in spirit): object keys sorted by code unit, no whitespace, arrays
 * in their order. The same view gives the same bytes, whatever order the database built it in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Everything a feed needs to look a record up by id. */
export interface PublishedIndex {
  readonly view: PublishedView;
  readonly parks: ReadonlyMap<string, PublishedPark>;
  readonly pairings: ReadonlyMap<string, PublishedPairing>;
  readonly investors: ReadonlyMap<string, PublishedInvestor>;
  readonly projectsByPairing: ReadonlyMap<string, readonly PublishedProject[]>;
}

export function indexView(view: PublishedView): PublishedIndex {
  const projectsByPairing = new Map<string, PublishedProject[]>();
  for (const project of view.projects) {
    const list = projectsByPairing.get(project.pairingId) ?? [];
    list.push(project);
    projectsByPairing.set(project.pairingId, list);
  }
  return {
    view,
    parks: new Map(view.parks.map((park) => [park.id, park])),
    pairings: new Map(view.pairings.map((pairing) => [pairing.id, pairing])),
    investors: new Map(view.investors.map((investor) => [investor.id, investor])),
    projectsByPairing,
  };
}

/** Every public document in the view, with the record it belongs to. */
export function publishedDocuments(view: PublishedView): PublishedDocument[] {
  return [...view.pairings, ...view.parks, ...view.investors, ...view.projects].flatMap(
    (record) => record.documents,
  );
}
