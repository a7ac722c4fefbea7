import PDFDocument from 'pdfkit';
import type { DemoDataSet, DemoPairing } from './demo-data-set';

/** Said on the page and in the title: the demo set makes these, no government issued them. */
export const DEMO_SUMMARY_LABEL =
  'Generated from the registry demo data set. Not an official document: the agreements themselves are published by the governments named here.';

/** The title of a pairing's generated summary (also its document title in the registry). */
export const demoSummaryTitle = (pairing: DemoPairing): string =>
  `${pairing.name}: demo summary (generated, not an official document)`;

/**
 * A one-page PDF summary of a demo pairing: its sides and parks, focus industries, dates and
 * sources. Deterministic (fixed creation date, built-in font), so a second demo load finds
 * the same SHA-256 and attaches nothing twice.
 */
export function renderDemoPairingSummary(data: DemoDataSet, pairing: DemoPairing): Promise<Buffer> {
  const asOf = new Date(`${data.about.asOf}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: demoSummaryTitle(pairing),
      Author: 'Twin-park investment registry (demo data)',
      Subject: DEMO_SUMMARY_LABEL,
      CreationDate: asOf,
      ModDate: asOf,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const parks = new Map(data.parks.map((park) => [park.code, park]));

  doc.fillColor('#a00').fontSize(10).text(DEMO_SUMMARY_LABEL.toUpperCase());
  doc.moveDown().fillColor('#000').fontSize(18).text(pairing.name);
  doc.fontSize(10).text(`Pairing code ${pairing.code}; data set as of ${data.about.asOf}`);
  doc.moveDown();
  const dates = [
    pairing.agreementSignedOn && `Agreement signed: ${pairing.agreementSignedOn}`,
    pairing.launchedOn && `Launched: ${pairing.launchedOn}`,
    `Status: ${pairing.status}`,
  ].filter(Boolean);
  doc.fontSize(11).text(dates.join('    '));
  for (const side of pairing.sides) {
    doc.moveDown().fontSize(13).text(`Side ${side.countryCode}`);
    for (const code of side.parkCodes) {
      const park = parks.get(code);
      const place = [park?.city, park?.countryCode].filter(Boolean).join(', ');
      doc.fontSize(11).text(`- ${park?.name ?? code} (${code})${place ? `, ${place}` : ''}`);
    }
  }
  doc.moveDown().fontSize(13).text('Focus industries (ISIC Rev.4)');
  doc.fontSize(11).text(pairing.industries.map((industry) => industry.code).join(', ') || 'none');
  if (pairing.description) doc.moveDown().fontSize(11).text(pairing.description);
  doc.moveDown().fontSize(13).text('Sources');
  for (const source of pairing.sources) {
    doc.fontSize(9).text(`- ${[source.title, source.url].filter(Boolean).join(': ')}`);
  }
  doc.end();
  return done;
}
