/** The languages a chart's money labels can be written in. */
export type MoneyLocale = 'en' | 'zh';

/** The name charts call the label function by, in Vega expressions (`labelExpr`). */
export const MONEY_LABEL_FUNCTION = 'moneyLabel';

/**
 * A US-dollar amount as a chart axis or legend label: "USD 2bn", "USD 500m", "USD 20k" in
 * English; Chinese counts in 万 (10^4) and 亿 (10^8): "20亿美元", "5000万美元", "1.5万亿美元".
 * Up to two decimals, trailing zeros dropped. (D3's SI format would print "2G" for billions.)
 *
 * The chart worker registers this very function with Vega from its source text, so it must
 * stay self-contained: no imports, no module constants, plain JavaScript once types are erased.
 */
export function moneyLabel(value: number, locale: string): string {
  const units: [number, string][] =
    locale === 'zh'
      ? [
          [1e12, '万亿'],
          [1e8, '亿'],
          [1e4, '万'],
        ]
      : [
          [1e12, 'tn'],
          [1e9, 'bn'],
          [1e6, 'm'],
          [1e3, 'k'],
        ];
  const rounded = (amount: number): number => Math.round(amount * 100) / 100;
  let figure = rounded(value);
  let unit = '';
  for (const [size, name] of units) {
    // 999,999,999 rounds to 1bn rather than "1000m".
    if (rounded(Math.abs(value) / size) >= 1) {
      figure = rounded(value / size);
      unit = name;
      break;
    }
  }
  const text = String(figure);
  return locale === 'zh' ? `${text}${unit}美元` : `USD ${text}${unit}`;
}

/** The Vega expression that labels a money axis or legend in the given language. */
export function moneyLabelExpr(locale: MoneyLocale): string {
  return `${MONEY_LABEL_FUNCTION}(datum.value, '${locale}')`;
}
