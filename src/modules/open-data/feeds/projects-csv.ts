import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../../../common/csv/spreadsheet-safe';
import { type FeedContext } from './feed-context';
import { projectIdentifier } from './iati-activities';

/** Columns of /open/projects.csv: one row per published project, flat for a spreadsheet. */
export const OPEN_CSV_COLUMNS = [
  'iatiIdentifier',
  'pairingCode',
  'pairingName',
  'ref',
  'title',
  'parkCode',
  'parkName',
  'hostCountryCode',
  'type',
  'stage',
  'announcedOn',
  'signedOn',
  'constructionStartOn',
  'operationalOn',
  'investmentAmount',
  'investmentCurrency',
  'amountUsd',
  'usdRateDate',
  'estimated',
  'jobsPlanned',
  'jobsActual',
  'sectors',
  'investors',
  'lon',
  'lat',
  'locationExactness',
  'sources',
] as const;

const text = (value: string | null | undefined) => spreadsheetSafe(value ?? '');
const number = (value: number | string | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/** UTF-8 with a BOM and CRLF, as the registry's other CSV exports (Excel reads it right). */
export function projectsCsv(context: FeedContext): string {
  const { view, parks, pairings, investors } = context.index;
  const publisher = view.publisher;
  if (!publisher) throw new Error('nothing is published without a publisher');
  const rows = view.pairings.flatMap((pairingRow) =>
    (context.index.projectsByPairing.get(pairingRow.id) ?? []).map((project) => {
      const park = parks.get(project.parkId);
      const pairing = pairings.get(project.pairingId);
      const point = project.location ?? park?.location ?? null;
      return {
        iatiIdentifier: projectIdentifier(publisher, project),
        pairingCode: pairing?.code ?? '',
        pairingName: text(pairing?.name),
        ref: project.ref,
        title: text(project.title),
        parkCode: park?.code ?? '',
        parkName: text(park?.name),
        hostCountryCode: project.hostCountryCode,
        type: project.type,
        stage: project.stage,
        announcedOn: project.announcedOn ?? '',
        signedOn: project.signedOn ?? '',
        constructionStartOn: project.constructionStartOn ?? '',
        operationalOn: project.operationalOn ?? '',
        investmentAmount: number(project.investmentAmount),
        investmentCurrency: project.investmentCurrency ?? '',
        amountUsd: number(project.amountUsd),
        usdRateDate: project.usdRateDate ?? '',
        estimated: project.estimated ? 'true' : 'false',
        jobsPlanned: number(project.jobsPlanned),
        jobsActual: number(project.jobsActual),
        sectors: project.sectors.map((s) => `${s.code}:${s.percentage}`).join(';'),
        investors: text(
          project.investors
            .map((link) => `${investors.get(link.investorId)?.name ?? ''} (${link.role})`)
            .join('; '),
        ),
        lon: number(point?.lon),
        lat: number(point?.lat),
        locationExactness: point?.exactness ?? '',
        sources: text(
          project.sources
            .map((source) => source.url)
            .filter(Boolean)
            .join(' '),
        ),
      };
    }),
  );
  return stringify(rows, {
    header: true,
    columns: [...OPEN_CSV_COLUMNS],
    bom: true,
    record_delimiter: '\r\n',
  });
}
