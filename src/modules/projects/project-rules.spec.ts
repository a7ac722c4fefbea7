import { projectRuleProblems, twoDecimals } from './project-rules';

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

  it('keeps dates in order', () => {
    const problems = projectRuleProblems({
      dates: {
        announcedOn: '2014-02-11',
        signedOn: '2014-01-01',
        constructionStartOn: '2013-12-01',
        operationalOn: '2013-01-01',
      },
    });
    expect(problems.map((p) => p.path)).toEqual([
      'signedOn',
      'constructionStartOn',
      'operationalOn',
    ]);
    expect(
      projectRuleProblems({ dates: { announcedOn: '2014-02-11', operationalOn: '2016-01-01' } }),
    ).toEqual([]);
  });

  it('formats percentages with two decimals', () => {
    expect([twoDecimals(60), twoDecimals(33.33), twoDecimals(0.1)]).toEqual([
      '60.00',
      '33.33',
      '0.10',
    ]);
  });
});
