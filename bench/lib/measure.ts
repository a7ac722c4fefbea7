import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function elapsedMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** One benchmark result line: the app's figure, the baseline's, their ratio and the goal. */
export interface Comparison {
  readonly name: string;
  readonly measured: string;
  readonly baseline: string;
  readonly ratio: number;
  readonly goal: string;
  readonly met: boolean;
  /** The figures behind the ratio, for results/latest.json (per second unless named). */
  readonly rates?: Readonly<Record<string, number>>;
}

export function printComparisons(title: string, rows: readonly Comparison[]): void {
  const header = ['benchmark', 'measured', 'baseline', 'ratio', 'goal', 'met'];
  const lines = rows.map((r) => [
    r.name,
    r.measured,
    r.baseline,
    r.ratio >= 0.01 ? r.ratio.toFixed(2) : r.ratio.toPrecision(2),
    r.goal,
    r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n${title}\n`);
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
  console.log('');
}
