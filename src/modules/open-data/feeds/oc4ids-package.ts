import type {
  PublishedDocument,
  PublishedPairing,
  PublishedProject,
  PublishedPublisher,
} from '../published/published-view';
import { investorOrgId } from './iati-activities';
import { documentUrl, type FeedContext, identifierPart, utcSeconds } from './feed-context';

/**
 * OC4IDS 0.9 project package: a record per pairing (the programme: its parks, industries and
 * documents) and one per investment project, each pointing at its pairing's record as a related
 * project. Codes come from the OC4IDS codelists in standards/ (closed ones only from
 * their members); ISIC is not an OC4IDS classification scheme, so the ISIC sectors are named in
 * `purpose` (the IATI feed and the CSV carry them as codes).
 */

const STATUS: Readonly<Record<string, string>> = {
  pipeline: 'identification',
  signed: 'preparation',
  under_construction: 'implementation',
  operational: 'completion',
  suspended: 'implementation',
  cancelled: 'cancelled',
};

const PAIRING_STATUS: Readonly<Record<string, string>> = {
  proposed: 'identification',
  active: 'implementation',
  suspended: 'implementation',
  terminated: 'completion',
};

const TYPE: Readonly<Record<string, string | undefined>> = {
  greenfield: 'construction',
  expansion: 'expansion',
  brownfield: 'rehabilitation',
};

/** ISIC section → OC4IDS projectSector; manufacturing, trade and services are "economy". */
const SECTOR_BY_SECTION: Readonly<Record<string, string>> = {
  A: 'economy',
  B: 'naturalResources',
  D: 'energy',
  E: 'waterAndWaste',
  H: 'transport',
  J: 'communications',
  O: 'governance',
  P: 'education',
  Q: 'health',
  R: 'cultureSportsAndRecreation',
};

/** IATI DocumentCategory → OC4IDS documentType, where one fits. */
const DOCUMENT_TYPE: Readonly<Record<string, string>> = {
  A01: 'projectEvaluation',
  A02: 'projectScope',
  A03: 'needsAssessment',
  A05: 'budgetApproval',
  A06: 'contractSummary',
  A07: 'projectEvaluation',
  A08: 'performanceReport',
  A10: 'tenderNotice',
  A11: 'contractSigned',
};

const PARTY_ROLE: Readonly<Record<string, string>> = {
  lead: 'funder',
  partner: 'funder',
  lender: 'funder',
  developer: 'supplier',
  operator: 'supplier',
};

export const oc4idsProjectId = (publisher: PublishedPublisher, local: string): string =>
  `oc4ids-${publisher.orgId}-${identifierPart(local)}`;

const sectorsOf = (industries: readonly { section: string }[]): string[] => {
  const sectors = [...new Set(industries.map((i) => SECTOR_BY_SECTION[i.section] ?? 'economy'))];
  return sectors.length > 0 ? sectors : ['economy'];
};

const purposeOf = (industries: readonly { code: string; title: string; percentage?: string }[]) =>
  industries.length > 0
    ? {
        purpose: industries
          .map(
            (i) => `${i.title} (ISIC Rev.4 ${i.code}${i.percentage ? `, ${i.percentage}%` : ''})`,
          )
          .join('; '),
      }
    : {};

function publisherParty(publisher: PublishedPublisher) {
  return {
    id: publisher.orgId,
    name: publisher.name,
    identifier: { scheme: publisher.orgId.split('-').slice(0, 2).join('-'), id: publisher.orgId },
    roles: ['publicAuthority'],
  };
}

/** The pairing as a record of its own: the related project its projects point at. */
function pairingRecord(
  context: FeedContext,
  publisher: PublishedPublisher,
  pairing: PublishedPairing,
) {
  const parks = pairing.parks.flatMap(({ parkId }) => context.index.parks.get(parkId) ?? []);
  const located = parks.filter((park) => park.location);
  return {
    id: oc4idsProjectId(publisher, pairing.code),
    updated: pairing.updatedAt,
    language: 'en',
    identifiers: [{ id: pairing.code, scheme: publisher.orgId }],
    publicAuthority: { id: publisher.orgId, name: publisher.name },
    title: pairing.name,
    description:
      pairing.description ??
      `Two Countries Twin Parks pairing of ${parks.map((p) => `${p.name} (${p.countryCode})`).join(' and ')}.`,
    status: PAIRING_STATUS[pairing.status] ?? 'implementation',
    sector: sectorsOf(pairing.industries),
    ...purposeOf(pairing.industries),
    ...(pairing.launchedOn ? { period: { startDate: `${pairing.launchedOn}T00:00:00Z` } } : {}),
    ...(located.length > 0
      ? {
          locations: located.map((park) => ({
            id: identifierPart(park.code),
            description: park.name,
            geometry: { type: 'Point', coordinates: [park.location?.lon, park.location?.lat] },
          })),
        }
      : {}),
    parties: [publisherParty(publisher)],
    ...(pairing.documents.length > 0 ? { documents: documents(context, pairing.documents) } : {}),
  };
}

function documents(context: FeedContext, list: readonly PublishedDocument[]) {
  return list.map((document) => ({
    id: document.id,
    ...(DOCUMENT_TYPE[document.category] ? { documentType: DOCUMENT_TYPE[document.category] } : {}),
    title: document.title,
    url: documentUrl(context, document.id),
    ...(document.documentDate ? { datePublished: `${document.documentDate}T00:00:00Z` } : {}),
    format: document.mediaType,
    language: document.language,
  }));
}

function projectRecord(
  context: FeedContext,
  publisher: PublishedPublisher,
  agencies: ReadonlySet<string>,
  pairing: PublishedPairing,
  project: PublishedProject,
) {
  const park = context.index.parks.get(project.parkId);
  if (!park) throw new Error(`published view lacks park ${project.parkId}`);
  const point = project.location ?? park.location;
  const authority = { id: publisher.orgId, name: publisher.name };
  const parties = [
    publisherParty(publisher),
    ...project.investors.flatMap((link) => {
      const investor = context.index.investors.get(link.investorId);
      if (!investor) return [];
      const orgId = investorOrgId(investor, agencies);
      const identifier = investor.identifiers[0];
      return [
        {
          id: orgId ?? investor.id,
          name: investor.name,
          ...(identifier
            ? { identifier: { scheme: identifier.scheme, id: identifier.value } }
            : {}),
          roles: [PARTY_ROLE[link.role] ?? 'funder'],
        },
      ];
    }),
  ];
  const start = project.constructionStartOn;
  const end = project.operationalOn;
  return {
    id: oc4idsProjectId(publisher, project.ref),
    updated: project.updatedAt,
    language: 'en',
    identifiers: [{ id: project.ref, scheme: publisher.orgId }],
    publicAuthority: authority,
    title: project.title,
    ...(project.description ? { description: project.description } : {}),
    status: STATUS[project.stage] ?? 'identification',
    ...(TYPE[project.type] ? { type: TYPE[project.type] } : {}),
    sector: sectorsOf(project.sectors),
    ...purposeOf(project.sectors),
    ...(project.investmentAmount && project.investmentCurrency
      ? {
          budget: {
            description: project.estimated ? 'Investment (estimated, as reported)' : 'Investment',
            amount: {
              amount: Number(project.investmentAmount),
              currency: project.investmentCurrency,
            },
          },
        }
      : {}),
    ...(start || end
      ? {
          period: {
            ...(start ? { startDate: `${start}T00:00:00Z` } : {}),
            ...(end ? { endDate: `${end}T00:00:00Z` } : {}),
          },
        }
      : {}),
    ...(point
      ? {
          locations: [
            {
              id: identifierPart(project.location ? project.ref : park.code),
              description: park.name,
              geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
              ...(park.city || point.subdivisionCode
                ? {
                    address: {
                      ...(park.city ? { locality: park.city } : {}),
                      ...(point.subdivisionCode ? { region: point.subdivisionCode } : {}),
                    },
                  }
                : {}),
            },
          ],
        }
      : {}),
    parties,
    ...(project.documents.length > 0 ? { documents: documents(context, project.documents) } : {}),
    relatedProjects: [
      {
        id: pairing.code,
        scheme: 'oc4ids',
        identifier: oc4idsProjectId(publisher, pairing.code),
        title: pairing.name,
        uri: `${context.baseUrl}/open#pairing-${pairing.code}`,
      },
    ],
  };
}

/** The package of a snapshot. */
export function oc4idsPackage(context: FeedContext, agencies: ReadonlySet<string>) {
  const publisher = context.index.view.publisher;
  if (!publisher) throw new Error('nothing is published without a publisher');
  const projects = context.index.view.pairings.flatMap((pairing) => [
    pairingRecord(context, publisher, pairing),
    ...(context.index.projectsByPairing.get(pairing.id) ?? []).map((project) =>
      projectRecord(context, publisher, agencies, pairing, project),
    ),
  ]);
  return {
    uri: `${context.baseUrl}/open/oc4ids/projects.json?snapshot=${context.snapshotId}`,
    publishedDate: utcSeconds(context.publishedAt),
    version: '0.9',
    publisher: { name: publisher.name, scheme: 'IATI', uid: publisher.orgId },
    license: publisher.licenceUrl,
    publicationPolicy: `${context.baseUrl}/open`,
    projects,
  };
}
