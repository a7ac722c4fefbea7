/**
 * A cell a spreadsheet would run as a formula (`=cmd|...`, `+1+1`, `-2`, `@SUM`, or a leading tab
 * or carriage return) gets a leading apostrophe, so it opens as text (OWASP "CSV injection").
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
