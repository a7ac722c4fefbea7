import { canonicalJson } from '../published/published-view';
import { validateIatiActivities, validateOc4idsPackage } from '../validation/schemas';
import { iatiRuleProblems } from '../validation/iati-rules';
import { oc4idsCodeProblems } from '../validation/oc4ids-codes';
import type { FeedContext } from './feed-context';
import { iatiActivitiesXml } from './iati-activities';
import { oc4idsPackage } from './oc4ids-package';
import { projectsCsv } from './projects-csv';

/** The three machine-readable feeds of one snapshot, as served. */
export interface RenderedFeeds {
  readonly iatiXml: string;
  readonly oc4idsJson: string;
  readonly csv: string;
}

export function renderFeeds(context: FeedContext, agencies: ReadonlySet<string>): RenderedFeeds {
  return {
    iatiXml: iatiActivitiesXml(context, agencies),
    oc4idsJson: `${JSON.stringify(JSON.parse(canonicalJson(oc4idsPackage(context, agencies))), null, 2)}\n`,
    csv: projectsCsv(context),
  };
}

/** Each standard's verdict: its schema, then the codes and rules the schema leaves open. */
export interface FeedCheck {
  readonly valid: boolean;
  readonly schemaErrors: string[];
  readonly codelistAndRuleErrors: string[];
}

export interface FeedsCheck {
  readonly valid: boolean;
  readonly iati: FeedCheck;
  readonly oc4ids: FeedCheck;
}

const schemaFaults = (result: { valid: boolean; errors: readonly string[] }): string[] =>
  result.valid ? [] : result.errors.length > 0 ? [...result.errors] : ['the schema refuses it'];

function verdict(schemaErrors: string[], other: string[]): FeedCheck {
  return {
    valid: schemaErrors.length === 0 && other.length === 0,
    schemaErrors,
    codelistAndRuleErrors: other,
  };
}

/** Validates rendered feeds against the official schemas, codelists and IATI's rules. */
export async function checkFeeds(feeds: RenderedFeeds): Promise<FeedsCheck> {
  const iatiSchema = await validateIatiActivities(feeds.iatiXml);
  const iati = verdict(schemaFaults(iatiSchema), iatiRuleProblems(feeds.iatiXml));
  const oc4idsDocument = JSON.parse(feeds.oc4idsJson) as Parameters<typeof oc4idsCodeProblems>[0];
  const oc4ids = verdict(
    schemaFaults(validateOc4idsPackage(oc4idsDocument)),
    oc4idsCodeProblems(oc4idsDocument),
  );
  return { valid: iati.valid && oc4ids.valid, iati, oc4ids };
}
