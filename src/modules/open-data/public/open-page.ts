import { sumDecimals } from '../../../common/text/decimal-sum';
import { pairingLinks } from '../../geography/geojson';
import type { MapParkRowDto, MapReportDto } from '../../reports/dto/map-report.dto';
import type { PublishedPark, PublishedProject, PublishedView } from '../published/published-view';
import { indexView } from '../published/published-view';

/** One published pairing as the /open page lists it. */
export interface OpenPagePairing {
  readonly code: string;
  readonly name: string;
  readonly nameZh: string | null;
  readonly description: string | null;
  readonly parks: readonly PublishedPark[];
  readonly industries: readonly { code: string; title: string }[];
  readonly projects: readonly (PublishedProject & { readonly parkName: string })[];
  readonly documents: PublishedView['pairings'][number]['documents'];
}

export function openPagePairings(view: PublishedView): OpenPagePairing[] {
  const index = indexView(view);
  return view.pairings.map((pairing) => ({
    code: pairing.code,
    name: pairing.name,
    nameZh: pairing.nameZh,
    description: pairing.description,
    parks: pairing.parks.flatMap(({ parkId }) => index.parks.get(parkId) ?? []),
    industries: pairing.industries,
    projects: (index.projectsByPairing.get(pairing.id) ?? []).map((project) => ({
      ...project,
      parkName: index.parks.get(project.parkId)?.name ?? '',
    })),
    documents: pairing.documents,
  }));
}

/**
 * The published view as the map report's shape, so the /open page's map is drawn by the same
 * code as the console's: parks sized by their published projects' USD, pairings as arcs.
 */
export function publishedMapReport(view: PublishedView, publishedAt: Date): MapReportDto {
  const parks: MapParkRowDto[] = view.parks.map((park) => {
    const hosted = view.projects.filter((project) => project.parkId === park.id);
    return {
      parkId: park.id,
      code: park.code,
      name: park.name,
      nameZh: park.nameZh,
      countryCode: park.countryCode,
      location: park.location && {
        lon: park.location.lon,
        lat: park.location.lat,
        exactness: park.location.exactness,
        precision: park.location.precision,
      },
      projects: hosted.length,
      investmentUsd: sumDecimals(hosted.map((project) => project.amountUsd ?? '0')),
      jobsPlanned: hosted.reduce((sum, project) => sum + (project.jobsPlanned ?? 0), 0),
      projectsUrl: `#park-${park.code}`,
    };
  });
  const pairings = view.pairings.map((pairing) => {
    const countries = [...new Set(pairing.parks.map((park) => park.countryCode))];
    const sides = countries.map((countryCode) => ({
      countryCode,
      parks: pairing.parks
        .filter((park) => park.countryCode === countryCode)
        .map((park) => ({ id: park.parkId })),
    }));
    return {
      pairingId: pairing.id,
      code: pairing.code,
      name: pairing.name,
      reviewState: 'approved',
      links: pairingLinks({ sides }).map(([fromParkId, toParkId]) => ({ fromParkId, toParkId })),
    };
  });
  return {
    meta: {
      filters: {},
      generatedAt: publishedAt.toISOString(),
      fxRule: '',
      projectsWithoutUsd: view.projects.filter((project) => project.amountUsd === null).length,
    },
    parks,
    countries: [],
    pairings,
    otherParks: [],
  };
}
