import { industryListProblems } from './park-industries';

describe('industryListProblems', () => {
  it('accepts an empty list and a list with exactly one primary', () => {
    expect(industryListProblems([])).toEqual([]);
    expect(industryListProblems([{ code: '24', primary: true }, { code: '27' }])).toEqual([]);
  });

  it('names a duplicate code by its index', () => {
    expect(
      industryListProblems([{ code: '24', primary: true }, { code: '27' }, { code: '24' }]),
    ).toEqual([{ path: 'industries[2].code', message: '24 is listed twice' }]);
  });

  it('requires exactly one primary', () => {
    expect(industryListProblems([{ code: '24' }])[0]?.message).toMatch(/found 0/);
    expect(
      industryListProblems([
        { code: '24', primary: true },
        { code: '27', primary: true },
      ])[0]?.message,
    ).toMatch(/found 2/);
  });
});
