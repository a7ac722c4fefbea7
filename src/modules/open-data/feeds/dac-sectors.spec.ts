import { iatiCodelist } from '../validation/codelists';
import { dacSectorOf, mappedDacCodes } from './dac-sectors';
import { evenShares, formatHundredths, hundredthsOf } from './percentages';

describe('ISIC Rev.4 to DAC sectors', () => {
  it('maps only to active codes of the shipped IATI Sector codelist', () => {
    const sectors = iatiCodelist('Sector');
    for (const code of mappedDacCodes()) expect(sectors.has(code)).toBe(true);
  });

  it('takes the longest ISIC prefix listed, sections by their own entry', () => {
    expect(dacSectorOf('2410')).toBe('32169'); // basic iron and steel
    expect(dacSectorOf('2420')).toBe('32170'); // basic precious and non-ferrous metals
    expect(dacSectorOf('2012')).toBe('32165'); // fertilizers
    expect(dacSectorOf('20')).toBe('32164');
    expect(dacSectorOf('C')).toBe('32120');
    expect(dacSectorOf('U')).toBe('99810');
  });
});

describe('percentages in hundredths', () => {
  it('splits 100 evenly and exactly, and prints without trailing zeros', () => {
    expect(evenShares(3)).toEqual([3334, 3333, 3333]);
    expect(evenShares(3).reduce((a, b) => a + b, 0)).toBe(10000);
    expect(evenShares(3).map(formatHundredths)).toEqual(['33.34', '33.33', '33.33']);
    expect(formatHundredths(5000)).toBe('50');
    expect(formatHundredths(1250)).toBe('12.5');
    expect(hundredthsOf('60.00')).toBe(6000);
    expect(hundredthsOf('12.5')).toBe(1250);
  });
});
