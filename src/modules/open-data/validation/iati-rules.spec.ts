import { canonicalJson } from '../published/published-view';
import { iatiRuleProblems } from './iati-rules';
import { oc4idsCodeProblems } from './oc4ids-codes';

const activity = (body: string, id = 'XM-DAC-1-P1') => `<?xml version="1.0"?>
<iati-activities version="2.03" generated-datetime="2026-12-01T00:00:00Z">
  <iati-activity xml:lang="en"><iati-identifier>${id}</iati-identifier>
    <reporting-org ref="XM-DAC-1" type="10"><narrative>Ministry</narrative></reporting-org>
    ${body}
  </iati-activity>
</iati-activities>`;

describe('IATI rules the XSD leaves open', () => {
  it('accepts sectors summing to 100 per vocabulary with a DAC sector', () => {
    const xml = activity(`<sector vocabulary="99" code="24" percentage="60"/>
      <sector vocabulary="99" code="10" percentage="40"/>
      <sector vocabulary="1" code="32169" percentage="100"/>`);
    expect(iatiRuleProblems(xml)).toEqual([]);
  });

  it('finds codes outside their codelists, bad sums, bad identifiers and future dates', () => {
    const xml = activity(
      `<activity-status code="9"/>
      <activity-date iso-date="2027-01-01" type="2"/>
      <sector vocabulary="99" code="24" percentage="60"/>
      <transaction><transaction-type code="2"/><transaction-date iso-date="2026-12-02"/>
        <value currency="XXY" value-date="2026-12-03">1</value></transaction>`,
      'XM-DAC-1-A/B',
    );
    const problems = iatiRuleProblems(xml).join('\n');
    expect(problems).toContain('activity-status/@code "9" is not in ActivityStatus');
    expect(problems).toContain('value/@currency "XXY" is not in Currency');
    expect(problems).toContain('holds one of / & | ?');
    expect(problems).toContain('no DAC sector');
    expect(problems).toContain('vocabulary 99 sector percentages sum to 60');
    expect(problems).toContain('actual date 2027-01-01 lies in the future');
    expect(problems).toContain('transaction date 2026-12-02 lies in the future');
    expect(problems).toContain('value date 2026-12-03 lies in the future');
    expect(iatiRuleProblems(activity('', 'OTHER-P1')).join()).toContain('does not start with');
  });
});

describe('OC4IDS codes', () => {
  it('names each code outside its codelist and ids without the oc4ids- prefix', () => {
    const problems = oc4idsCodeProblems({
      projects: [
        { id: 'oc4ids-x-1', status: 'implementation', sector: ['economy'] },
        { id: 'x-2', status: 'building', parties: [{ roles: ['investor'] }] },
      ],
    });
    expect(problems).toEqual([
      'x-2: id does not start with oc4ids-',
      'x-2 status: "building" is not in projectStatus',
      'x-2 parties.roles: "investor" is not in partyRole',
    ]);
  });
});

describe('canonical JSON', () => {
  it('gives the same bytes whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe(
      canonicalJson({ a: [{ c: 'x', d: null }], b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});
