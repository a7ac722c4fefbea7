/**
 * Exact sum of decimal strings with (up to) two decimals, in cents as bigint: totals of money
 * add up to the cent however many rows there are.
 */
export function sumDecimals(values: readonly string[]): string {
  let cents = 0n;
  for (const value of values) {
    const negative = value.startsWith('-');
    const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
    const amount = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
    cents += negative ? -amount : amount;
  }
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
