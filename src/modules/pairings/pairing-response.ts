import type { PairingResponseDto } from './dto/pairing-response.dto';
import type { PairingEntity } from './pairing.entity';
import type { PairingIndustryRow, PairingParkRow } from './pairings.repository';

/** The two sides: the pairing's parks grouped by country, in country-code order. */
export function sidesOf(parks: readonly Omit<PairingParkRow, 'pairingId'>[]) {
  const byCountry = new Map<string, { id: string; code: string; name: string }[]>();
  for (const park of parks) {
    const side = byCountry.get(park.countryCode) ?? [];
    side.push({ id: park.parkId, code: park.code, name: park.name });
    byCountry.set(park.countryCode, side);
  }
  return [...byCountry.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([countryCode, sideParks]) => ({
      countryCode,
      parks: sideParks.sort((a, b) => a.code.localeCompare(b.code)),
    }));
}

export function toPairingResponse(
  pairing: PairingEntity,
  parks: readonly Omit<PairingParkRow, 'pairingId'>[],
  industries: readonly Omit<PairingIndustryRow, 'pairingId'>[],
): PairingResponseDto {
  return {
    id: pairing.id,
    code: pairing.code,
    name: pairing.name,
    nameZh: pairing.nameZh,
    sides: sidesOf(parks),
    industries: industries.map((i) => ({ code: i.code, title: i.title, level: i.level })),
    agreementSignedOn: pairing.agreementSignedOn,
    launchedOn: pairing.launchedOn,
    status: pairing.status,
    reviewState: pairing.reviewState,
    reviewRound: pairing.reviewRound,
    submittedBy: pairing.submittedBy,
    submittedAt: pairing.submittedAt?.toISOString() ?? null,
    description: pairing.description,
    note: pairing.note,
    sources: pairing.sources,
    version: pairing.version,
    createdAt: pairing.createdAt.toISOString(),
    updatedAt: pairing.updatedAt.toISOString(),
    archivedAt: pairing.archivedAt?.toISOString() ?? null,
  };
}
