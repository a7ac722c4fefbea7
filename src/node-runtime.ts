/** The Node.js line this service is documented, built (Docker) and tested on first. */
export const CURRENT_LTS_MAJOR = 26;
/** The oldest line that still runs it (tested in CI too); it is past its end of life. */
export const OLDEST_SUPPORTED = '20.19';

/** End-of-life dates of the Node.js lines that still run the service, from nodejs.org. */
const END_OF_LIFE: Readonly<Record<number, string>> = { 20: '2026-04-30', 22: '2027-04-30' };

/**
 * A warning for the start-up log when Node.js runs past its end of life (no more security
 * fixes), or null. The service keeps working there: operators on a frozen machine get told,
 * not stopped.
 */
export function nodeRuntimeWarning(version: string, today: string): string | null {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  const endOfLife = END_OF_LIFE[major];
  if (!endOfLife || today < endOfLife) return null;
  return (
    `Node.js ${version} reached its end of life on ${endOfLife} and gets no security fixes: ` +
    `run the service on Node.js ${CURRENT_LTS_MAJOR} LTS.`
  );
}
