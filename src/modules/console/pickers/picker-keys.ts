/**
 * The human keys the console's pickers put in a form field, and how they read back: ISIC
 * codes with their path, park and pairing codes, and investors as "Name (CC)".
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/**
 * An ISIC Rev.4 entry's place in the tree, section first: 2410 in section C is
 * C, 24, 241, 2410 (a division has two digits, a group three, a class four).
 */
export function industryPath(code: string, section: string): string[] {
  if (!/^\d{2,4}$/.test(code)) return [code];
  const path = [section];
  for (let length = 2; length <= code.length; length += 1) path.push(code.slice(0, length));
  return path;
}

/** An investor as the picker writes it: names repeat across countries, name and country do not. */
export function investorKey(name: string, countryCode: string): string {
  return `${name} (${countryCode})`;
}

/** "Name (CC)" or a bare name, as typed. */
export function parseInvestorKey(text: string): { name: string; countryCode: string | null } {
  const match = /^(.*\S)\s*\(([A-Za-z]{2})\)$/.exec(text.trim());
  return match
    ? { name: match[1], countryCode: match[2].toUpperCase() }
    : { name: text.trim(), countryCode: null };
}

export interface CurrencyChoice {
  readonly code: string;
  readonly name: string;
}

export interface CurrencyGroups {
  /** The host country's currency first, then the partner countries' and the US dollar. */
  readonly common: readonly CurrencyChoice[];
  /** Every other ISO 4217 currency, by code. */
  readonly others: readonly CurrencyChoice[];
}

/** The currency list of a project form, in the order an officer reaches for them. */
export function orderCurrencies(
  all: readonly CurrencyChoice[],
  host: string | null,
  partners: readonly string[],
): CurrencyGroups {
  const common = [host, ...[...new Set([...partners, 'USD'])].sort()].filter(
    (code, index, list): code is string => code !== null && list.indexOf(code) === index,
  );
  const byCode = new Map(all.map((currency) => [currency.code, currency]));
  return {
    common: common.flatMap((code) => byCode.get(code) ?? []),
    others: all.filter((currency) => !common.includes(currency.code)),
  };
}
