import type { DemoAtStart } from './modules/demo-data/demo-at-start';
import type { DemoSeedCounts } from './modules/demo-data/demo-seed.service';
import { describeMailDestination, type MailDestination } from './modules/mail/mail-destination';
import type { FirstAdmin } from './modules/users/first-admin';

export interface BannerFacts {
  /** Where the service listens, e.g. http://localhost:3000. */
  readonly baseUrl: string;
  readonly database: string;
  readonly admin: FirstAdmin;
  readonly demo: DemoAtStart;
  /** Where notification emails go (no credentials in it). */
  readonly mail: MailDestination;
  /** Where documents are stored and how they are scanned (no secrets). */
  readonly documents: { readonly store: string; readonly scanner: string };
}

export interface Banner {
  /** For a person at a terminal (LOG_FORMAT=pretty): the generated password is shown here, once. */
  readonly text: string;
  /** For log collectors (LOG_FORMAT=json): the same facts, but never the password itself. */
  readonly fields: Record<string, unknown>;
}

const LABELS: Record<keyof DemoSeedCounts, [string, string]> = {
  parks: ['park', 'parks'],
  pairings: ['pairing', 'pairings'],
  investors: ['investor', 'investors'],
  projects: ['project', 'projects'],
  fxRates: ['FX rate', 'FX rates'],
  documents: ['generated document', 'generated documents'],
};

export function describeCounts(counts: DemoSeedCounts): string {
  const parts = (Object.keys(LABELS) as (keyof DemoSeedCounts)[])
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `${counts[kind]} ${LABELS[kind][counts[kind] === 1 ? 0 : 1]}`);
  return parts.length ? parts.join(', ') : 'none';
}

function demoLine(demo: DemoAtStart): string {
  if (!demo.loaded) return demo.why;
  const { created, present } = demo.report;
  const kept = Object.values(present).some((n) => n > 0);
  return `loaded now: ${describeCounts(created)}${kept ? ` (already there: ${describeCounts(present)})` : ''}`;
}

function adminLine(admin: FirstAdmin): string | null {
  if (!admin.created) return null;
  if (!admin.passwordFile) return `${admin.email}, with ADMIN_PASSWORD`;
  return `${admin.email}, generated password: ${admin.password} (also in ${admin.passwordFile})`;
}

/** The lines printed once the service listens: where everything is, and what this start did. */
export function startupBanner(facts: BannerFacts): Banner {
  const api = `${facts.baseUrl}/api/v1`;
  const docs = `${facts.baseUrl}/docs`;
  const consoleUrl = `${facts.baseUrl}/`;
  const rows: [string, string | null][] = [
    ['Console', `${consoleUrl}  (web console: sign in with the admin below)`],
    ['API', api],
    ['Docs', `${docs}  (OpenAPI document: ${docs}/openapi.json)`],
    ['Database', facts.database],
    ['Mail', describeMailDestination(facts.mail)],
    ['Documents', `${facts.documents.store}; virus scan: ${facts.documents.scanner}`],
    ['Admin', adminLine(facts.admin)],
    ['Demo data', demoLine(facts.demo)],
  ];
  const text = [
    'Twin-park registry is ready',
    ...rows
      .filter((row): row is [string, string] => row[1] !== null)
      .map(([label, value]) => `  ${label.padEnd(10)} ${value}`),
  ].join('\n');
  const admin = facts.admin.created
    ? { email: facts.admin.email, passwordFile: facts.admin.passwordFile }
    : undefined;
  return {
    text,
    fields: {
      consoleUrl,
      apiUrl: api,
      docsUrl: docs,
      database: facts.database,
      mail: facts.mail,
      documents: facts.documents,
      ...(admin ? { firstAdmin: admin } : {}),
      demoData: facts.demo.loaded
        ? { loaded: true, created: facts.demo.report.created, present: facts.demo.report.present }
        : { loaded: false, why: facts.demo.why },
    },
  };
}
