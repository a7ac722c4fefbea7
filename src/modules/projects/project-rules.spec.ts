import { projectDateProblems, projectRuleProblems, twoDecimals } from './project-rules';

const TODAY = '2026-12-02';

const dates = {};

describe('projectRuleProblems', () => {
  it('accepts sectors summing to exactly 100, including 33.33 + 33.33 + 33.34', () => {
    expect(
      projectRuleProblems({
        sectors: [
          { code: '2410', percentage: 60 },
          { code: '2420', percentage: 40 },
        ],
        dates,
      }),
    ).toEqual([]);
    expect(
      projectRuleProblems({
        sectors: [
          { code: 'A', percentage: 33.33 },
          { code: 'B', percentage: 33.33 },
          { code: 'C', percentage: 33.34 },
        ],
        dates,
      }),
    ).toEqual([]);
  });

  it('refuses 99.99 and 100.01, naming the sectors', () => {
    for (const last of [39.99, 40.01]) {
      const [problem] = projectRuleProblems({
        sectors: [
          { code: '2410', percentage: 60 },
          { code: '2420', percentage: last },
        ],
        dates,
      });
      expect(problem).toEqual({
        path: 'sectors',
        message: expect.stringMatching(/sum to 99\.99|sum to 100\.01/),
      });
    }
  });

  it('refuses a sector or investor listed twice and shares over 100', () => {
    const problems = projectRuleProblems({
      sectors: [
        { code: '24', percentage: 50 },
        { code: '24', percentage: 50 },
      ],
      investors: [
        { investorId: 'a', sharePct: 60 },
        { investorId: 'a', sharePct: 50 },
      ],
      dates,
    });
    expect(problems.map((p) => p.path)).toEqual([
      'sectors[1].code',
      'investors[1].investorId',
      'investors',
    ]);
  });

  it('accepts a signature before the announcement and site work before the signature', () => {
    expect(
      projectRuleProblems({
        dates: {
          announcedOn: '2014-02-11',
          signedOn: '2014-01-01',
          constructionStartOn: '2013-12-01',
          operationalOn: '2016-01-01',
        },
        today: '2026-12-02',
      }),
    ).toEqual([]);
  });

  it('refuses operation before construction started', () => {
    expect(
      projectDateProblems(
        { constructionStartOn: '2015-06-01', operationalOn: '2015-05-31' },
        TODAY,
      ),
    ).toEqual([
      { path: 'operationalOn', message: 'must not be before constructionStartOn (2015-06-01)' },
    ]);
    expect(
      projectDateProblems(
        { constructionStartOn: '2015-06-01', operationalOn: '2015-06-01' },
        TODAY,
      ),
    ).toEqual([]);
  });

  it('refuses an announcement or signature in the future, with a day for time zones ahead of UTC', () => {
    expect(
      projectDateProblems({ announcedOn: '2026-12-03', signedOn: '2026-12-03' }, TODAY),
    ).toEqual([]);
    expect(
      projectDateProblems({ announcedOn: '2026-12-04', signedOn: '2027-01-01' }, TODAY).map(
        (p) => p.path,
      ),
    ).toEqual(['announcedOn', 'signedOn']);
  });

  it('takes planned dates up to the horizon, and nothing before 1950', () => {
    expect(
      projectDateProblems(
        { constructionStartOn: '2030-01-01', operationalOn: '2056-12-02' },
        TODAY,
      ),
    ).toEqual([]);
    expect(projectDateProblems({ operationalOn: '2056-12-03' }, TODAY)).toEqual([
      { path: 'operationalOn', message: 'must be at most 30 years ahead (latest 2056-12-02)' },
    ]);
    expect(projectDateProblems({ announcedOn: '0201-03-04' }, TODAY)).toEqual([
      { path: 'announcedOn', message: 'must not be before 1950-01-01' },
    ]);
  });

  it('formats percentages with two decimals', () => {
    expect([twoDecimals(60), twoDecimals(33.33), twoDecimals(0.1)]).toEqual([
      '60.00',
      '33.33',
      '0.10',
    ]);
  });
});
