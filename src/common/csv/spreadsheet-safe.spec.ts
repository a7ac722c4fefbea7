import { spreadsheetSafe } from './spreadsheet-safe';

describe('spreadsheetSafe', () => {
  it.each(['=cmd|/c calc', '+1+1', '-2', '@SUM(A1)', '\tx', '\rx'])('neutralises %j', (cell) => {
    expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
  });

  it.each(['Cambodia', '', '{"a":1}', '2026-01-01', 'a=b'])('keeps %j as it is', (cell) => {
    expect(spreadsheetSafe(cell)).toBe(cell);
  });
});
