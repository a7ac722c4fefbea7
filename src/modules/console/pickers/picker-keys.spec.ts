import { industryPath, investorKey, orderCurrencies, parseInvestorKey } from './picker-keys';

describe('industryPath', () => {
  it('walks from the section down to the code', () => {
    expect(industryPath('2410', 'C')).toEqual(['C', '24', '241', '2410']);
    expect(industryPath('241', 'C')).toEqual(['C', '24', '241']);
    expect(industryPath('24', 'C')).toEqual(['C', '24']);
    expect(industryPath('C', 'C')).toEqual(['C']);
  });
});

describe('investor keys', () => {
  it('reads back what the picker writes, and a bare name', () => {
    const key = investorKey('Guangxi Beibu Gulf International Port Group', 'CN');
    expect(parseInvestorKey(key)).toEqual({
      name: 'Guangxi Beibu Gulf International Port Group',
      countryCode: 'CN',
    });
    expect(parseInvestorKey('  Alliance Steel (m&y) Sdn Bhd ')).toEqual({
      name: 'Alliance Steel (m&y) Sdn Bhd',
      countryCode: null,
    });
    expect(parseInvestorKey('Hengyi (bn)')).toEqual({ name: 'Hengyi', countryCode: 'BN' });
  });
});

describe('orderCurrencies', () => {
  const all = ['CNY', 'EUR', 'IDR', 'MYR', 'USD', 'ZAR'].map((code) => ({ code, name: code }));

  it('puts the host currency first, then partners and USD, then the rest by code', () => {
    const groups = orderCurrencies(all, 'MYR', ['MYR', 'IDR', 'CNY']);
    expect(groups.common.map((c) => c.code)).toEqual(['MYR', 'CNY', 'IDR', 'USD']);
    expect(groups.others.map((c) => c.code)).toEqual(['EUR', 'ZAR']);
  });

  it('without a host, starts with the partners', () => {
    const groups = orderCurrencies(all, null, ['MYR', 'CNY']);
    expect(groups.common.map((c) => c.code)).toEqual(['CNY', 'MYR', 'USD']);
  });

  it('a host outside the partners still comes first, once', () => {
    const groups = orderCurrencies(all, 'EUR', ['MYR']);
    expect(groups.common.map((c) => c.code)).toEqual(['EUR', 'MYR', 'USD']);
    expect(groups.others.map((c) => c.code)).toEqual(['CNY', 'IDR', 'ZAR']);
  });
});
