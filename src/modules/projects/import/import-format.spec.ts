import {
  DERIVED_COLUMNS,
  EXPORT_COLUMNS,
  headerErrors,
  IMPORT_COLUMNS,
  parseImportRow,
} from './import-format';

const good = {
  parkCode: 'my-mckip',
  title: 'Integrated steel mill',
  type: 'greenfield',
  stage: 'operational',
  announcedOn: '2014-02-11',
  amount: '5600000000.00',
  currency: 'myr',
  jobsPlanned: '3500',
  sectors: '2410:60; 2420:40',
  investors: 'Alliance Steel (M) Sdn Bhd|MY|lead|100;Guangxi Beibu Gulf|CN|partner||state_owned',
  sourceUrl: 'https://example.org/a',
};

describe('project CSV rows', () => {
  it('parses a good row', () => {
    const { row, errors } = parseImportRow(good, 2);
    expect(errors).toEqual([]);
    expect(row).toMatchObject({
      parkCode: 'MY-MCKIP',
      currency: 'MYR',
      jobsPlanned: 3500,
      estimated: false,
      sectors: [
        { code: '2410', percentage: 60 },
        { code: '2420', percentage: 40 },
      ],
      investors: [
        {
          name: 'Alliance Steel (M) Sdn Bhd',
          countryCode: 'MY',
          role: 'lead',
          sharePct: 100,
          type: null,
        },
        {
          name: 'Guangxi Beibu Gulf',
          countryCode: 'CN',
          role: 'partner',
          sharePct: null,
          type: 'state_owned',
        },
      ],
      source: { url: 'https://example.org/a', title: 'https://example.org/a', accessedOn: null },
    });
  });

  it.each<[Record<string, string>, string]>([
    [{ parkCode: '' }, 'parkCode'],
    [{ type: 'new' }, 'type'],
    [{ announcedOn: '2014-02-30' }, 'announcedOn'],
    [{ signedOn: '2999-01-01' }, 'signedOn'],
    [{ constructionStartOn: '2015-01-01', operationalOn: '2014-12-31' }, 'operationalOn'],
    [{ amount: '5,600,000' }, 'amount'],
    [{ currency: '' }, 'currency'],
    [{ jobsPlanned: '-3' }, 'jobsPlanned'],
    [{ sectors: '2410:60;2420:39.99' }, 'sectors'],
    [{ sectors: '2410=100' }, 'sectors'],
    [{ investors: 'Acme|MY|owner' }, 'investors'],
    [{ investors: 'Acme|Malaysia|lead' }, 'investors'],
    [{ estimated: 'maybe' }, 'estimated'],
    [{ sourceUrl: 'ftp://x' }, 'sourceUrl'],
  ])('names the column of %j', (change, column) => {
    const { row, errors } = parseImportRow({ ...good, ...change }, 7);
    expect(row).toBeUndefined();
    expect(errors).toContainEqual({ row: 7, column, message: expect.any(String) });
  });

  it('refuses a NUL character in any cell, naming the row and column', () => {
    const { errors } = parseImportRow({ ...good, title: 'Steel\u0000mill' }, 7);
    expect(errors).toEqual([
      { row: 7, column: 'title', message: 'must not contain the NUL character (U+0000)' },
    ]);
  });

  it('checks the header', () => {
    expect(headerErrors(['parkCode', 'title', 'type', 'stage', 'sectors'])).toEqual([]);
    expect(
      headerErrors(['parkCode', 'title', 'type', 'sectors', 'colour']).map((e) => e.column),
    ).toEqual(['colour', 'stage']);
  });

  it('drops the apostrophe an export puts before a formula-like cell', () => {
    const { row } = parseImportRow({ ...good, title: "'=SUM(A1)", description: "'-5% growth" }, 2);
    expect(row).toMatchObject({ title: '=SUM(A1)', description: '-5% growth' });
    expect(parseImportRow({ ...good, title: "O'Neil's plant" }, 2).row?.title).toBe(
      "O'Neil's plant",
    );
  });

  it('reads ref and version as an update of that project, and a row without them as a create', () => {
    expect(parseImportRow(good, 2).row).toMatchObject({ ref: null, version: null });
    expect(
      parseImportRow({ ...good, ref: ' my-mckip-2014-0001 ', version: '3' }, 2).row,
    ).toMatchObject({ ref: 'MY-MCKIP-2014-0001', version: 3 });
  });

  it.each<[Record<string, string>, string, string]>([
    [{ ref: 'MY-MCKIP-2014-0001' }, 'version', 'is required with ref'],
    [{ ref: 'MY-MCKIP-2014-0001', version: '' }, 'version', 'is required with ref'],
    [{ ref: 'MY-MCKIP-2014-0001', version: '0' }, 'version', 'must be a whole number from 1'],
    [{ ref: 'MY-MCKIP-2014-0001', version: '2.5' }, 'version', 'must be a whole number from 1'],
    [
      { ref: 'MY-MCKIP-2014-0001', version: '99999999999' },
      'version',
      'must be a whole number from 1',
    ],
    [{ version: '4' }, 'version', 'goes with ref'],
  ])('refuses %j at column %s', (change, column, message) => {
    const { row, errors } = parseImportRow({ ...good, ...change }, 9);
    expect(row).toBeUndefined();
    expect(errors).toEqual([{ row: 9, column, message: expect.stringContaining(message) }]);
  });

  it('keeps required columns required in an update row: the row is the whole record', () => {
    const { errors } = parseImportRow(
      { ...good, ref: 'MY-MCKIP-2014-0001', version: '2', title: '', sectors: '' },
      4,
    );
    expect(errors.map((e) => e.column)).toEqual(['title', 'sectors']);
  });

  it('ignores the derived columns an export writes, whatever they hold', () => {
    const { row, errors } = parseImportRow(
      { ...good, hostCountryCode: 'ZZ', amountUsd: 'lots', fxRateDate: 'yesterday' },
      2,
    );
    expect(errors).toEqual([]);
    expect(row).not.toHaveProperty('hostCountryCode');
    expect(row).not.toHaveProperty('amountUsd');
  });

  it('takes an export header (derived columns included) and wants ref with version', () => {
    expect(EXPORT_COLUMNS).toEqual([
      ...Object.keys(IMPORT_COLUMNS),
      ...Object.keys(DERIVED_COLUMNS),
    ]);
    expect(EXPORT_COLUMNS.slice(0, 2)).toEqual(['ref', 'version']);
    expect(headerErrors([...EXPORT_COLUMNS])).toEqual([]);
    expect(headerErrors(['ref', 'parkCode', 'title', 'type', 'stage', 'sectors'])).toEqual([
      {
        row: 1,
        column: 'version',
        message: expect.stringContaining('ref and version go together'),
      },
    ]);
    expect(
      headerErrors(['version', 'parkCode', 'title', 'type', 'stage', 'sectors']).map(
        (e) => e.column,
      ),
    ).toEqual(['ref']);
  });

  it('reads an investor whose share is empty, as the export writes it', () => {
    const { row, errors } = parseImportRow(
      { ...good, investors: 'Guangxi Beibu Gulf|CN|partner||state_owned' },
      2,
    );
    expect(errors).toEqual([]);
    expect(row?.investors).toEqual([
      {
        name: 'Guangxi Beibu Gulf',
        countryCode: 'CN',
        role: 'partner',
        sharePct: null,
        type: 'state_owned',
      },
    ]);
  });

  it('documents the date rules it applies: a signature may come before the announcement', () => {
    const { errors } = parseImportRow(
      { ...good, announcedOn: '2014-03-01', signedOn: '2014-01-15' },
      2,
    );
    expect(errors).toEqual([]);
    expect(IMPORT_COLUMNS.signedOn).not.toContain('not before announcedOn');
    expect(IMPORT_COLUMNS.constructionStartOn).not.toContain('not before signedOn');
    expect(IMPORT_COLUMNS.operationalOn).toContain('not before constructionStartOn');
  });
});
