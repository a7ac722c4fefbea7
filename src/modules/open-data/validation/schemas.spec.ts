import { validateIatiActivities, validateOc4idsPackage } from './schemas';

/** The least an IATI 2.03 activity needs, in the XSD's element order. */
const activity = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-12-03T00:00:00Z">
  <iati-activity last-updated-datetime="2026-12-03T00:00:00Z" xml:lang="en" default-currency="MYR" hierarchy="1">
    <iati-identifier>MY-COA-MITI-CN-MY-TCTP</iati-identifier>
    <reporting-org ref="MY-COA-MITI" type="10"><narrative>MITI</narrative></reporting-org>
    <title><narrative>China-Malaysia Two Countries Twin Parks</narrative><narrative xml:lang="zh">中马两国双园</narrative></title>
    <description><narrative>Qinzhou and Kuantan industrial parks</narrative></description>
    <participating-org role="1" ref="MY-COA-MITI" type="10"><narrative>MITI</narrative></participating-org>
${body}
  </iati-activity>
</iati-activities>`;

const STATUS_AND_DATE = `    <activity-status code="2"/>
    <activity-date iso-date="2013-02-05" type="2"/>`;

describe('validation against the official schemas', () => {
  it('accepts an IATI 2.03 activity in the XSD order, Chinese narratives included', async () => {
    expect(await validateIatiActivities(activity(STATUS_AND_DATE))).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('refuses elements out of the XSD order, naming the line and what was expected', async () => {
    const swapped = `    <activity-date iso-date="2013-02-05" type="2"/>
    <activity-status code="2"/>`;
    const result = await validateIatiActivities(activity(swapped));
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(/^line 9: .*'activity-date': This element is not expected/);
  });

  it('refuses an activity without its required parts, and a document that is not XML', async () => {
    expect((await validateIatiActivities(activity(''))).valid).toBe(false);
    const broken = await validateIatiActivities('<iati-activities version="2.03">');
    expect(broken.valid).toBe(false);
    expect(broken.errors.length).toBeGreaterThan(0);
  });

  it('accepts an OC4IDS 0.9 project package and names the faults of a bad one', () => {
    const ok = validateOc4idsPackage({
      uri: 'https://registry.example.org/open/oc4ids/projects.json',
      publisher: { name: 'MITI' },
      publishedDate: '2026-12-03T00:00:00Z',
      version: '0.9',
      projects: [{ id: 'oc4ids-mycoa-MY-MCKIP-2014-0001', title: 'Integrated steel mill' }],
    });
    expect(ok).toEqual({ valid: true, errors: [] });
    const bad = validateOc4idsPackage({
      uri: 'not a uri',
      publisher: { name: 'MITI' },
      publishedDate: 'yesterday',
      version: '0.9',
      projects: [],
    });
    expect(bad.valid).toBe(false);
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        '/uri: must match format "uri"',
        '/publishedDate: must match format "date-time"',
        '/projects: must NOT have fewer than 1 items',
      ]),
    );
  });
});
