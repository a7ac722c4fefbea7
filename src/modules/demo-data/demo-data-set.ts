import type { Source } from '../../common/sources/source';
import dataSet from './demo-twin-parks.json';

/**
 * The demo data set: real China-ASEAN twin parks, their pairings, investors, projects and the
 * FX rates a source states, each record with its sources. Records refer to each other by
 * natural key (park code, pairing code, investor key); the loader resolves those to ids.
 * Enumerations are plain strings here: the API's own validation checks them when loading.
 */
export interface DemoDataSet {
  readonly about: { readonly description: string; readonly asOf: string; readonly note: string };
  readonly parks: readonly DemoPark[];
  readonly pairings: readonly DemoPairing[];
  readonly investors: readonly DemoInvestor[];
  readonly projects: readonly DemoProject[];
  readonly fxRates: readonly DemoFxRate[];
}

interface Sourced {
  readonly description?: string | null;
  readonly sources: readonly Source[];
  readonly note?: string | null;
}

export interface DemoPark extends Sourced {
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
  readonly location: {
    readonly lon: number;
    readonly lat: number;
    readonly exactness: string;
    readonly precision: string;
    readonly source: Source;
  } | null;
  readonly website: string | null;
  readonly industries: readonly { readonly code: string; readonly primary?: boolean }[];
}

export interface DemoPairing extends Sourced {
  readonly code: string;
  readonly name: string;
  readonly sides: readonly {
    readonly countryCode: string;
    readonly parkCodes: readonly string[];
  }[];
  readonly industries: readonly { readonly code: string }[];
  readonly agreementSignedOn: string | null;
  readonly launchedOn: string | null;
  readonly status: string;
}

export interface DemoInvestor extends Sourced {
  /** The data set's own key, used by projects; not stored. */
  readonly key: string;
  readonly name: string;
  readonly nameZh: string | null;
  readonly countryCode: string;
  readonly type: string | null;
  readonly website: string | null;
}

export interface DemoProject extends Sourced {
  readonly title: string;
  readonly parkCode: string;
  readonly pairingCode: string | null;
  readonly investors: readonly {
    readonly investorKey: string;
    readonly role: string;
    readonly sharePct: number | null;
  }[];
  readonly sectors: readonly { readonly code: string; readonly percentage: number }[];
  readonly type: string;
  readonly stage: string;
  readonly announcedOn: string | null;
  readonly signedOn: string | null;
  readonly constructionStartOn: string | null;
  readonly operationalOn: string | null;
  readonly investment: { readonly amount: string; readonly currency: string } | null;
  readonly jobsPlanned: number | null;
  readonly jobsActual: number | null;
  readonly estimated: boolean;
}

export interface DemoFxRate {
  readonly currency: string;
  readonly date: string;
  readonly usdPerUnit: string;
  readonly source: string;
}

/** Checked against the interfaces above when compiling, so a malformed file fails the build. */
export const DEMO_DATA_SET: DemoDataSet = dataSet;

/** What the API's create bodies take, from a demo record (ids resolved by the caller). */
export const demoBodies = {
  park: ({ key: _key, ...park }: DemoPark & { key?: string }) => park,
  investor: ({ key: _key, ...investor }: DemoInvestor) => investor,
  pairing: (pairing: DemoPairing, parkId: (code: string) => string) => {
    const { sides, ...rest } = pairing;
    return {
      ...rest,
      sides: sides.map((side) => ({
        countryCode: side.countryCode,
        parkIds: side.parkCodes.map(parkId),
      })),
    };
  },
  project: (
    project: DemoProject,
    ids: {
      park: (code: string) => string;
      pairing: (code: string) => string;
      investor: (key: string) => string;
    },
  ) => {
    const { parkCode, pairingCode, investors, ...rest } = project;
    return {
      ...rest,
      parkId: ids.park(parkCode),
      pairingId: pairingCode === null ? null : ids.pairing(pairingCode),
      investors: investors.map(({ investorKey, ...link }) => ({
        ...link,
        investorId: ids.investor(investorKey),
      })),
    };
  },
  fxRate: ({ usdPerUnit, source }: DemoFxRate) => ({ usdPerUnit, source }),
};
