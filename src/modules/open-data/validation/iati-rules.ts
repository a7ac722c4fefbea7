import { hundredthsOf } from '../feeds/percentages';
import { iatiCodelist } from './codelists';
import { childElements as children, parseXmlRoot } from './xml-element';

/**
 * What the XSD does not check in an IATI activities document: that every code attribute is a
 * member of its codelist, and IATI's rules on sectors, identifiers and dates.
 */

/** element → attribute → codelist (sector codes only under vocabulary 1, see below). */
const CODED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'iati-activity': { 'default-currency': 'Currency', 'xml:lang': 'Language' },
  'reporting-org': { type: 'OrganisationType' },
  'participating-org': { type: 'OrganisationType', role: 'OrganisationRole' },
  'provider-org': { type: 'OrganisationType' },
  'activity-status': { code: 'ActivityStatus' },
  'activity-date': { type: 'ActivityDateType' },
  'recipient-country': { code: 'Country' },
  'location-reach': { code: 'GeographicLocationReach' },
  exactness: { code: 'GeographicExactness' },
  'feature-designation': { code: 'LocationType' },
  sector: { vocabulary: 'SectorVocabulary' },
  'default-flow-type': { code: 'FlowType' },
  'transaction-type': { code: 'TransactionType' },
  value: { currency: 'Currency' },
  category: { code: 'DocumentCategory' },
  language: { code: 'Language' },
  narrative: { 'xml:lang': 'Language' },
  'related-activity': { type: 'RelatedActivityType' },
};

const FORBIDDEN_IN_IDENTIFIERS = /[/&|?]/;

export function iatiRuleProblems(xml: string): string[] {
  const root = parseXmlRoot(xml);
  const problems: string[] = [];
  const generated = (root.getAttribute('generated-datetime') ?? '').slice(0, 10);
  for (const element of Array.from(root.getElementsByTagName('*'))) {
    for (const [attribute, list] of Object.entries(CODED[element.localName] ?? {})) {
      const code = element.getAttribute(attribute);
      if (code !== null && !iatiCodelist(list).has(code)) {
        problems.push(`${element.localName}/@${attribute} "${code}" is not in ${list}`);
      }
    }
    if (element.localName === 'sector' && (element.getAttribute('vocabulary') ?? '1') === '1') {
      const code = element.getAttribute('code') ?? '';
      if (!iatiCodelist('Sector').has(code)) problems.push(`sector "${code}" is not in Sector`);
    }
  }
  for (const activity of children(root, 'iati-activity')) {
    const id = children(activity, 'iati-identifier')[0]?.textContent ?? '';
    const orgId = children(activity, 'reporting-org')[0]?.getAttribute('ref') ?? '';
    if (!id.startsWith(`${orgId}-`)) problems.push(`${id}: does not start with ${orgId}-`);
    if (FORBIDDEN_IN_IDENTIFIERS.test(id)) problems.push(`${id}: holds one of / & | ?`);
    const byVocabulary = new Map<string, number>();
    for (const sector of children(activity, 'sector')) {
      const vocabulary = sector.getAttribute('vocabulary') ?? '1';
      const share = hundredthsOf(sector.getAttribute('percentage') ?? '100');
      byVocabulary.set(vocabulary, (byVocabulary.get(vocabulary) ?? 0) + share);
    }
    if (!byVocabulary.has('1')) problems.push(`${id}: no DAC sector (vocabulary 1)`);
    for (const [vocabulary, total] of byVocabulary) {
      if (total !== 10000) {
        problems.push(`${id}: vocabulary ${vocabulary} sector percentages sum to ${total / 100}`);
      }
    }
    for (const date of children(activity, 'activity-date')) {
      const type = date.getAttribute('type');
      const iso = date.getAttribute('iso-date') ?? '';
      if ((type === '2' || type === '4') && iso > generated) {
        problems.push(`${id}: actual date ${iso} lies in the future`);
      }
    }
    for (const transaction of children(activity, 'transaction')) {
      const date = children(transaction, 'transaction-date')[0]?.getAttribute('iso-date') ?? '';
      const valueDate = children(transaction, 'value')[0]?.getAttribute('value-date') ?? '';
      if (date > generated) problems.push(`${id}: transaction date ${date} lies in the future`);
      if (valueDate > generated) problems.push(`${id}: value date ${valueDate} lies in the future`);
    }
  }
  return problems;
}
