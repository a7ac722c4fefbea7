/** Percentages as integer hundredths, so shares add up to exactly 100 (IATI checks the sum). */

export function hundredthsOf(decimal: string): number {
  const [whole, fraction = ''] = decimal.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

/** "33.33", "50", "12.5": no trailing zeros. */
export function formatHundredths(value: number): string {
  const whole = Math.trunc(value / 100);
  const fraction = String(value % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** `count` shares of 100 that sum to it exactly: the remainder goes to the first ones. */
export function evenShares(count: number): number[] {
  const base = Math.floor(10000 / count);
  const left = 10000 - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < left ? 1 : 0));
}
