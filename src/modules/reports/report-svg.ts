import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MONEY_LABEL_FUNCTION, moneyLabel, moneyLabelExpr, type MoneyLocale } from './money-axis';

/**
 * Report charts as SVG, drawn on the server by Vega-Lite (compiled to Vega and rendered
 * headless, no canvas needed). Each chart stands on its own: title, filters, axis titles with
 * units, and a source note.
 */

export interface BarDatum {
  readonly label: string;
  readonly value: number;
}

export interface ChartText {
  readonly title: string;
  /** Lines under the title: filters, FX rule, source. */
  readonly notes: readonly string[];
}

type VegaLiteSpec = Record<string, unknown>;

/**
 * vega and vega-lite ship as ES modules only, and rendering is CPU work: each chart is drawn in
 * a short-lived worker thread that imports them natively (by resolved file URL), so the event
 * loop stays free and the CommonJS app (and its tests) never load them. The money label
 * function goes over as source text and is registered as a Vega expression function, so axes
 * and legends call the same code the unit tests check.
 */
const RENDERER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const [vega, vegaLite] = await Promise.all([import(workerData.vega), import(workerData.vegaLite)]);
  vega.expressionFunction(workerData.moneyLabel.name, new Function('return ' + workerData.moneyLabel.source)());
  const view = new vega.View(vega.parse(vegaLite.compile(workerData.spec).spec), { renderer: 'none' });
  parentPort.postMessage({ svg: await view.toSVG() });
  view.finalize();
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

function render(spec: VegaLiteSpec): Promise<string> {
  const workerData = {
    vega: pathToFileURL(require.resolve('vega')).href,
    vegaLite: pathToFileURL(require.resolve('vega-lite')).href,
    moneyLabel: { name: MONEY_LABEL_FUNCTION, source: moneyLabel.toString() },
    spec,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(RENDERER, { eval: true, workerData });
    worker.once('message', (message: { svg?: string; error?: string }) => {
      void worker.terminate();
      if (message.svg !== undefined) resolve(message.svg);
      else reject(new Error(`chart rendering failed: ${message.error}`));
    });
    worker.once('error', reject);
  });
}

const titleOf = (text: ChartText) => ({
  text: text.title,
  subtitle: [...text.notes],
  anchor: 'start',
  subtitleFontSize: 10,
});

/** Horizontal bars, largest first: one bar per row, value in US dollars. */
export function barChartSvg(
  text: ChartText,
  rows: readonly BarDatum[],
  valueTitle: string,
  locale: MoneyLocale = 'en',
): Promise<string> {
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleOf(text),
    width: 520,
    data: { values: rows.map((row) => ({ ...row })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 320 } },
      x: {
        field: 'value',
        type: 'quantitative',
        title: valueTitle,
        axis: { labelExpr: moneyLabelExpr(locale) },
      },
    },
  });
}

/** A heat map: one cell per (row, column) pair, colour by value. */
export function heatMapSvg(
  text: ChartText,
  cells: readonly { row: string; column: string; value: number }[],
  axes: { row: string; column: string; value: string },
  locale: MoneyLocale = 'en',
): Promise<string> {
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleOf(text),
    data: { values: cells.map((cell) => ({ ...cell })) },
    mark: { type: 'rect', tooltip: true },
    encoding: {
      y: { field: 'row', type: 'nominal', title: axes.row },
      x: { field: 'column', type: 'nominal', title: axes.column },
      color: {
        field: 'value',
        type: 'quantitative',
        title: axes.value,
        legend: { labelExpr: moneyLabelExpr(locale) },
      },
    },
  });
}

export const SVG_TYPE = 'image/svg+xml';
