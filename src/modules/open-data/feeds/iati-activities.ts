import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type {
  PublishedDocument,
  PublishedIndustry,
  PublishedInvestor,
  PublishedLocation,
  PublishedPairing,
  PublishedPark,
  PublishedProject,
  PublishedPublisher,
} from '../published/published-view';
import { dacSectorOf } from './dac-sectors';
import {
  documentUrl,
  type FeedContext,
  identifierPart,
  ISIC_URI,
  publicationDate,
  utcSeconds,
} from './feed-context';
import { evenShares, formatHundredths, hundredthsOf } from './percentages';

/**
 * IATI activity XML 2.03: each pairing a parent activity (hierarchy 1), each of its projects a
 * child (hierarchy 2) pointing back with related-activity. Elements go in the order the XSD's
 * sequence requires; codes come from the codelists in standards/ (codelist-checks.ts).
 */

/** Registry stage → IATI ActivityStatus. */
const PROJECT_STATUS: Readonly<Record<string, string>> = {
  pipeline: '1',
  signed: '1',
  under_construction: '2',
  operational: '4',
  suspended: '6',
  cancelled: '5',
};

/** Pairing status → IATI ActivityStatus. */
const PAIRING_STATUS: Readonly<Record<string, string>> = {
  proposed: '1',
  active: '2',
  suspended: '6',
  terminated: '4',
};

/** Investor type → IATI OrganisationType. */
const ORGANISATION_TYPE: Readonly<Record<string, string>> = {
  state_owned: '15',
  private: '70',
  joint_venture: '70',
  government: '10',
  dfi: '15',
  other: '90',
};

/** Investor role → IATI OrganisationRole: money comes from funders; builders implement. */
const ORGANISATION_ROLE: Readonly<Record<string, string>> = {
  lead: '1',
  partner: '1',
  lender: '1',
  developer: '4',
  operator: '4',
};

const PROJECT_TYPE_EN: Readonly<Record<string, string>> = {
  greenfield: 'greenfield investment',
  expansion: 'expansion',
  joint_venture: 'joint venture',
  brownfield: 'brownfield investment',
  m_and_a: 'merger or acquisition',
};

const FDI_FLOW_TYPE = '36';
const COMMITMENT = '2';
const ACCOUNTABLE = '2';
const WGS84 = 'http://www.opengis.net/def/crs/EPSG/0/4326';

/** The IATI org-id an investor's identifiers give, when one is a registration agency's. */
export function investorOrgId(
  investor: PublishedInvestor,
  agencies: ReadonlySet<string>,
): string | undefined {
  for (const { scheme, value } of investor.identifiers) {
    const agency = scheme === 'LEI' ? 'XI-LEI' : scheme;
    if (agencies.has(agency)) return identifierPart(`${agency}-${value}`);
  }
  return undefined;
}

export function pairingIdentifier(publisher: PublishedPublisher, pairing: PublishedPairing) {
  return `${publisher.orgId}-${identifierPart(pairing.code)}`;
}

export function projectIdentifier(publisher: PublishedPublisher, project: PublishedProject) {
  return `${publisher.orgId}-${identifierPart(project.ref)}`;
}

function narratives(element: XMLBuilder, en: string, zh?: string | null): XMLBuilder {
  element.ele('narrative', { 'xml:lang': 'en' }).txt(en);
  if (zh) element.ele('narrative', { 'xml:lang': 'zh' }).txt(zh);
  return element;
}

/** Actual dates may not lie after the publication; a later one is a planned date. */
function datedAs(date: string, today: string, actual: string, planned: string) {
  return { 'iso-date': date, type: date <= today ? actual : planned };
}

class IatiWriter {
  private readonly today: string;

  constructor(
    private readonly context: FeedContext,
    private readonly publisher: PublishedPublisher,
    private readonly agencies: ReadonlySet<string>,
  ) {
    this.today = publicationDate(context);
  }

  write(): string {
    const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('iati-activities', {
      version: '2.03',
      'generated-datetime': utcSeconds(this.context.publishedAt),
    });
    for (const pairing of this.context.index.view.pairings) {
      this.pairing(root, pairing);
      for (const project of this.context.index.projectsByPairing.get(pairing.id) ?? []) {
        this.project(root, pairing, project);
      }
    }
    return root.end({ prettyPrint: true });
  }

  private pairing(root: XMLBuilder, pairing: PublishedPairing): void {
    const parks = pairing.parks.map(({ parkId }) => this.park(parkId));
    const activity = root.ele('iati-activity', {
      'last-updated-datetime': pairing.updatedAt,
      'xml:lang': 'en',
      hierarchy: '1',
    });
    activity.ele('iati-identifier').txt(pairingIdentifier(this.publisher, pairing));
    this.reportingOrg(activity);
    narratives(activity.ele('title'), pairing.name, pairing.nameZh);
    const sides = parks.map((park) => `${park.name} (${park.countryCode})`).join(' and ');
    const zhNames = parks.map((park) => park.nameZh);
    narratives(
      activity.ele('description'),
      pairing.description ?? `Two Countries Twin Parks pairing of ${sides}.`,
      zhNames.every(Boolean) ? `两国双园：${zhNames.join('、')}。` : null,
    );
    this.accountable(activity);
    activity.ele('activity-status', { code: PAIRING_STATUS[pairing.status] ?? '2' });
    const start = pairing.launchedOn ?? pairing.agreementSignedOn ?? pairing.approvedOn;
    if (pairing.launchedOn) {
      activity.ele('activity-date', datedAs(pairing.launchedOn, this.today, '2', '1'));
    } else if (start) {
      activity.ele('activity-date', { 'iso-date': start, type: '1' });
    }
    const countries = [...new Set(parks.map((park) => park.countryCode))];
    const countryShares = evenShares(countries.length);
    countries.forEach((code, i) =>
      activity.ele('recipient-country', {
        code,
        ...(countries.length > 1 ? { percentage: formatHundredths(countryShares[i]) } : {}),
      }),
    );
    for (const park of parks) {
      if (park.location) this.location(activity, park.code, park, park.location);
    }
    const shares = evenShares(pairing.industries.length);
    this.sectors(
      activity,
      pairing.industries.map((industry, i) => ({ ...industry, hundredths: shares[i] })),
    );
    this.documents(activity, pairing.documents);
    for (const project of this.context.index.projectsByPairing.get(pairing.id) ?? []) {
      activity.ele('related-activity', {
        ref: projectIdentifier(this.publisher, project),
        type: '2',
      });
    }
  }

  private project(root: XMLBuilder, pairing: PublishedPairing, project: PublishedProject): void {
    const park = this.park(project.parkId);
    const activity = root.ele('iati-activity', {
      'last-updated-datetime': project.updatedAt,
      'xml:lang': 'en',
      ...(project.investmentCurrency ? { 'default-currency': project.investmentCurrency } : {}),
      hierarchy: '2',
    });
    activity.ele('iati-identifier').txt(projectIdentifier(this.publisher, project));
    this.reportingOrg(activity);
    narratives(activity.ele('title'), project.title);
    const kind = PROJECT_TYPE_EN[project.type] ?? project.type;
    narratives(
      activity.ele('description'),
      project.description ?? `${project.title}: ${kind} in ${park.name} (${park.countryCode}).`,
      park.nameZh ? `位于${park.nameZh}的投资项目。` : null,
    );
    this.accountable(activity);
    for (const link of project.investors) {
      const investor = this.context.index.investors.get(link.investorId);
      if (!investor) continue;
      const ref = investorOrgId(investor, this.agencies);
      narratives(
        activity.ele('participating-org', {
          ...(ref ? { ref } : {}),
          ...(investor.type ? { type: ORGANISATION_TYPE[investor.type] } : {}),
          role: ORGANISATION_ROLE[link.role] ?? '1',
        }),
        investor.name,
        investor.nameZh,
      );
    }
    activity.ele('activity-status', { code: PROJECT_STATUS[project.stage] ?? '1' });
    this.projectDates(activity, project);
    activity.ele('recipient-country', { code: project.hostCountryCode });
    this.location(activity, project.ref, park, project.location ?? park.location);
    this.sectors(
      activity,
      project.sectors.map((sector) => ({ ...sector, hundredths: hundredthsOf(sector.percentage) })),
    );
    activity.ele('default-flow-type', { code: FDI_FLOW_TYPE });
    this.commitment(activity, project);
    this.documents(activity, project.documents);
    activity.ele('related-activity', {
      ref: pairingIdentifier(this.publisher, pairing),
      type: '1',
    });
  }

  /** Start: construction start, else the signature, announcement or reference date (planned). */
  private projectDates(activity: XMLBuilder, project: PublishedProject): void {
    if (project.constructionStartOn) {
      activity.ele('activity-date', datedAs(project.constructionStartOn, this.today, '2', '1'));
    } else {
      const planned = project.signedOn ?? project.announcedOn ?? project.referenceDate;
      activity.ele('activity-date', { 'iso-date': planned, type: '1' });
    }
    if (project.operationalOn) {
      activity.ele('activity-date', datedAs(project.operationalOn, this.today, '4', '3'));
    }
  }

  /**
   * The investment as a commitment in its own currency, dated when it was signed (or announced);
   * value-date is the FX rate's date the registry used for USD, else the reference date. Not
   * written before it happened: IATI refuses transactions in the future.
   */
  private commitment(activity: XMLBuilder, project: PublishedProject): void {
    if (!project.investmentAmount || !project.investmentCurrency) return;
    const date = project.signedOn ?? project.announcedOn ?? project.referenceDate;
    if (date > this.today) return;
    const valueDate = [project.usdRateDate ?? project.referenceDate, this.today].sort()[0];
    const transaction = activity.ele('transaction', { ref: identifierPart(project.ref) });
    transaction.ele('transaction-type', { code: COMMITMENT });
    transaction.ele('transaction-date', { 'iso-date': date });
    transaction
      .ele('value', { currency: project.investmentCurrency, 'value-date': valueDate })
      .txt(project.investmentAmount);
    narratives(
      transaction.ele('description'),
      project.estimated ? 'Investment (estimated, as reported)' : 'Investment, as reported',
    );
    const lead = project.investors.find((link) => link.role === 'lead');
    const investor = lead && this.context.index.investors.get(lead.investorId);
    if (investor) {
      const ref = investorOrgId(investor, this.agencies);
      narratives(
        transaction.ele('provider-org', {
          ...(ref ? { ref } : {}),
          ...(investor.type ? { type: ORGANISATION_TYPE[investor.type] } : {}),
        }),
        investor.name,
        investor.nameZh,
      );
    }
  }

  private reportingOrg(activity: XMLBuilder): void {
    narratives(
      activity.ele('reporting-org', { ref: this.publisher.orgId, type: this.publisher.orgType }),
      this.publisher.name,
      this.publisher.nameZh,
    );
  }

  private accountable(activity: XMLBuilder): void {
    narratives(
      activity.ele('participating-org', {
        ref: this.publisher.orgId,
        type: this.publisher.orgType,
        role: ACCOUNTABLE,
      }),
      this.publisher.name,
      this.publisher.nameZh,
    );
  }

  private location(
    activity: XMLBuilder,
    ref: string,
    park: PublishedPark,
    point: PublishedLocation | null,
  ): void {
    if (!point) return;
    const location = activity.ele('location', { ref: identifierPart(ref) });
    location.ele('location-reach', { code: '1' });
    narratives(location.ele('name'), park.name, park.nameZh);
    location.ele('point', { srsName: WGS84 }).ele('pos').txt(`${point.lat} ${point.lon}`);
    location.ele('exactness', { code: point.exactness === 'exact' ? '1' : '2' });
    location.ele('feature-designation', { code: 'INDS' });
  }

  /**
   * ISIC Rev.4 under vocabulary 99 (IATI has no ISIC vocabulary), and the DAC codes they map to
   * under vocabulary 1, each vocabulary's percentages summing to exactly 100.
   */
  private sectors(
    activity: XMLBuilder,
    sectors: readonly (PublishedIndustry & { hundredths: number })[],
  ): void {
    if (sectors.length === 0) {
      activity.ele('sector', { vocabulary: '1', code: '99810' });
      return;
    }
    const dac = new Map<string, number>();
    for (const sector of sectors) {
      narratives(
        activity.ele('sector', {
          vocabulary: '99',
          'vocabulary-uri': ISIC_URI,
          code: sector.code,
          percentage: formatHundredths(sector.hundredths),
        }),
        sector.title,
      );
      const code = dacSectorOf(sector.code);
      dac.set(code, (dac.get(code) ?? 0) + sector.hundredths);
    }
    for (const [code, hundredths] of dac) {
      activity.ele('sector', { vocabulary: '1', code, percentage: formatHundredths(hundredths) });
    }
  }

  private documents(activity: XMLBuilder, documents: readonly PublishedDocument[]): void {
    for (const document of documents) {
      const link = activity.ele('document-link', {
        format: document.mediaType,
        url: documentUrl(this.context, document.id),
      });
      narratives(link.ele('title'), document.title, document.titleZh);
      link.ele('category', { code: document.category });
      link.ele('language', { code: document.language });
      if (document.documentDate) link.ele('document-date', { 'iso-date': document.documentDate });
    }
  }

  private park(id: string): PublishedPark {
    const park = this.context.index.parks.get(id);
    if (!park) throw new Error(`published view lacks park ${id}`);
    return park;
  }
}

/**
 * The IATI activities document of a snapshot. `agencies`: the registration agency codes (an
 * investor identifier under one of them becomes the organisation's `ref`).
 */
export function iatiActivitiesXml(context: FeedContext, agencies: ReadonlySet<string>): string {
  const publisher = context.index.view.publisher;
  if (!publisher) throw new Error('nothing is published without a publisher');
  return new IatiWriter(context, publisher, agencies).write();
}
