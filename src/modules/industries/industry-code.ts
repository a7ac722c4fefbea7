/** ISIC Rev.4 code shapes: section letter, or 2-4 digits (division, group, class). */
export const INDUSTRY_CODE_PATTERN = /^([A-Ua-u]|\d{2,4})$/;
export const INDUSTRY_CODE_MESSAGE =
  'must be an ISIC Rev.4 code: a section letter (C) or 2-4 digits (26, 261, 2610)';

export function normaliseIndustryCode(code: string): string {
  return code.toUpperCase();
}
