import type { AppConfig } from '../../config/app-config';
import type { DatabaseConnection } from '../../database/database-connection';
import type { DemoSeedReport, DemoSeedService } from './demo-seed.service';

export type DemoAtStart =
  | { readonly loaded: true; readonly report: DemoSeedReport }
  | { readonly loaded: false; readonly why: string };

/** `load`, or the reason for not loading, as the start-up banner shows it. */
export type DemoDecision = string;

export interface DemoStartFacts {
  readonly setting: AppConfig['demoData'];
  readonly database: DatabaseConnection['kind'];
  readonly registryEmpty: boolean;
  readonly loadedBefore: boolean;
}

/**
 * Whether this start loads the demo data, or why not. Only an empty embedded database (a
 * newcomer's first start) gets it unasked; a DATABASE_URL database is someone's real registry
 * and gets it only with DEMO_DATA=true.
 */
export function demoDecision(facts: DemoStartFacts): DemoDecision {
  if (facts.setting === 'false') return 'not loaded (DEMO_DATA=false)';
  if (facts.setting === 'true') return 'load';
  if (facts.loadedBefore) return 'loaded at an earlier start';
  if (facts.database === 'external') {
    return 'not loaded: DATABASE_URL database (DEMO_DATA=true or npm run seed:demo loads it)';
  }
  if (!facts.registryEmpty) return 'not loaded: the registry already holds data';
  return 'load';
}

export async function loadDemoAtStart(
  seeder: DemoSeedService,
  setting: AppConfig['demoData'],
  database: DatabaseConnection['kind'],
): Promise<DemoAtStart> {
  const [registryEmpty, loadedBefore] = await Promise.all([
    seeder.registryIsEmpty(),
    seeder.loadedBefore(),
  ]);
  const decision = demoDecision({ setting, database, registryEmpty, loadedBefore });
  if (decision !== 'load') return { loaded: false, why: decision };
  return { loaded: true, report: await seeder.seed() };
}
