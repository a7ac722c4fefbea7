import type { Workbook, Worksheet } from 'exceljs';

/** One label and value line of an "About" sheet. */
export type AboutLine = readonly [string, string | number];

/** What every download states about itself: filters, time, FX rule and what has no USD. */
export interface AboutMeta {
  readonly filters: Readonly<Record<string, string>>;
  readonly generatedAt: string;
  readonly fxRule: string;
  readonly projectsWithoutUsd: number;
}

const REPORT_CAVEATS =
  'Figures are as registered by investment officers; estimated figures are flagged on the projects. Amounts and jobs of a project are split across its sectors by percentage.';

/** The About sheet's lines for a report or an export titled `title`. */
export function aboutLines(
  title: string,
  meta: AboutMeta,
  caveats: string = REPORT_CAVEATS,
): AboutLine[] {
  const filters = Object.entries(meta.filters)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return [
    ['Report', title],
    ['Filters', filters || 'none (all live projects)'],
    ['Generated at (UTC)', meta.generatedAt],
    ['FX rule', meta.fxRule],
    ['Projects without a USD amount', meta.projectsWithoutUsd],
    ['Caveats', caveats],
    ['Source', 'Twin-park investment registry'],
  ];
}

/**
 * Adds the "About" sheet saying what the workbook's numbers are. Works on the in-memory workbook
 * and on exceljs's streaming writer alike; a streaming caller commits the returned sheet.
 */
export function addAboutSheet(workbook: Workbook, lines: readonly AboutLine[]): Worksheet {
  const about = workbook.addWorksheet('About');
  about.columns = [
    { header: 'About this report', width: 28 },
    { header: '', width: 100 },
  ];
  about.getRow(1).font = { bold: true };
  for (const [label, value] of lines) about.addRow([label, value]);
  return about;
}
