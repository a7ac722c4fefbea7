import { moneyLabel, moneyLabelExpr } from './money-axis';
import { barChartSvg, heatMapSvg } from './report-svg';

describe('moneyLabel', () => {
  it.each([
    [0, 'USD 0'],
    [750, 'USD 750'],
    [5_000, 'USD 5k'],
    [20_000, 'USD 20k'],
    [2_500_000, 'USD 2.5m'],
    [500_000_000, 'USD 500m'],
    [999_999_999, 'USD 1bn'],
    [2_000_000_000, 'USD 2bn'],
    [1_250_000_000, 'USD 1.25bn'],
    [12_000_000_000, 'USD 12bn'],
    [3_000_000_000_000, 'USD 3tn'],
  ])('labels %d in English as %s', (value, label) => {
    expect(moneyLabel(value, 'en')).toBe(label);
  });

  it.each([
    [0, '0美元'],
    [750, '750美元'],
    [5_000, '5000美元'],
    [20_000, '2万美元'],
    [2_500_000, '250万美元'],
    [50_000_000, '5000万美元'],
    [200_000_000, '2亿美元'],
    [2_000_000_000, '20亿美元'],
    [1_250_000_000, '12.5亿美元'],
    [1_500_000_000_000, '1.5万亿美元'],
  ])('labels %d in Chinese as %s', (value, label) => {
    expect(moneyLabel(value, 'zh')).toBe(label);
  });

  it('is what the charts call, by name, in their label expressions', () => {
    expect(moneyLabelExpr('zh')).toBe("moneyLabel(datum.value, 'zh')");
  });
});

/** The charts themselves: Vega draws the axis with the registered function, not "2G". */
describe('money axes in the rendered charts', () => {
  const text = { title: 'Investment', notes: [] };
  const rows = [
    { label: 'C Manufacturing', value: 4_200_000_000 },
    { label: 'H Transportation', value: 1_000_000_000 },
  ];
  const axisLabels = (svg: string): string[] =>
    [...svg.matchAll(/<text[^>]*>([^<]*(?:USD|美元)[^<]*)<\/text>/g)].map((m) => m[1]);

  it('reads USD 2bn in English and 20亿美元 in Chinese', async () => {
    const en = await barChartSvg(text, rows, 'Investment (USD)');
    expect(axisLabels(en)).toEqual(expect.arrayContaining(['USD 0', 'USD 2bn', 'USD 4bn']));
    expect(en).not.toMatch(/>\d+G</);
    const zh = await barChartSvg(text, rows, 'Investment (USD)', 'zh');
    expect(axisLabels(zh)).toEqual(expect.arrayContaining(['0美元', '20亿美元', '40亿美元']));
  });

  it('labels the heat map legend the same way', async () => {
    const svg = await heatMapSvg(
      text,
      [
        { row: 'MY', column: 'CN', value: 3_000_000_000 },
        { row: 'ID', column: 'CN', value: 500_000_000 },
      ],
      { row: 'Host', column: 'Home', value: 'Investment (USD)' },
      'zh',
    );
    expect(axisLabels(svg).some((label) => label.endsWith('亿美元'))).toBe(true);
  });
});
