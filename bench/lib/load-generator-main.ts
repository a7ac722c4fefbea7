/**
 * Entry point of the load generator's own process (see load-generator.ts): reads a LoadSpec as
 * JSON on stdin, runs autocannon (warm-up, then the measured run) and writes a LoadResult as
 * JSON on stdout.
 */
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './load-generator';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += (chunk as Buffer).toString('utf8');
  return text;
}

async function main(): Promise<void> {
  const spec = JSON.parse(await readStdin()) as LoadSpec;
  const { paths } = spec;
  const options: autocannon.Options & { warmup: { connections: number; duration: number } } = {
    url: spec.url,
    connections: spec.settings.connections,
    pipelining: spec.settings.pipelining,
    duration: spec.settings.durationSeconds,
    // autocannon's own warm-up: the same requests first, not counted in the result.
    warmup: {
      connections: spec.settings.connections,
      duration: spec.settings.warmupSeconds,
    },
    headers: spec.headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: paths[Math.floor(Math.random() * paths.length)],
        }),
      },
    ],
  };
  const result = await autocannon(options);
  const output: LoadResult = {
    rate: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
