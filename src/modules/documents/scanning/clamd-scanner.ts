import NodeClam from 'clamscan';
import type { Readable } from 'node:stream';
import {
  ScannerUnavailableError,
  type ScanVerdict,
  type VirusScanner,
  NoVirusScanner,
} from './virus-scanner';

/** Longest a scan may take before the file is kept as `pending` and scanned again later. */
const SCAN_TIMEOUT_MS = 60_000;

/** Where clamd listens: a Unix socket path, or host:port. */
export function clamdAddress(setting: string): { socket: string } | { host: string; port: number } {
  if (setting.startsWith('/')) return { socket: setting };
  const colon = setting.lastIndexOf(':');
  return { host: setting.slice(0, colon), port: Number(setting.slice(colon + 1)) };
}

/**
 * Streams each file to ClamAV's clamd (its INSTREAM command, through the clamscan package).
 * Never falls back to a local clamscan binary: a clamd that cannot be reached or gives no
 * verdict is ScannerUnavailableError, and the file waits as `pending`.
 */
export class ClamdScanner implements VirusScanner {
  readonly configured = true;
  readonly description: string;
  private client: Promise<NodeClam> | null = null;

  constructor(
    private readonly setting: string,
    private readonly timeoutMs = SCAN_TIMEOUT_MS,
  ) {
    this.description = `ClamAV clamd at ${setting}`;
  }

  async scan(content: Readable): Promise<ScanVerdict> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        content.destroy();
        reject(new ScannerUnavailableError(`clamd gave no answer in ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      const client = await this.connected();
      const result = await Promise.race([client.scanStream(content), deadline]);
      if (result.isInfected === null) {
        throw new ScannerUnavailableError(`clamd gave no verdict: ${result.resultString ?? ''}`);
      }
      return { infected: result.isInfected, signature: result.viruses[0] ?? null };
    } catch (error) {
      if (error instanceof ScannerUnavailableError) throw error;
      content.destroy();
      throw new ScannerUnavailableError(
        `clamd at ${this.setting}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** clamscan's set-up, once; it does not connect (clamd may start after the service). */
  private connected(): Promise<NodeClam> {
    this.client ??= new NodeClam().init({
      removeInfected: false,
      quarantineInfected: false,
      scanLog: null,
      debugMode: false,
      preference: 'clamdscan',
      clamscan: { active: false, path: null },
      clamdscan: {
        ...clamdAddress(this.setting),
        path: null,
        localFallback: false,
        bypassTest: true,
        timeout: this.timeoutMs,
      },
    });
    return this.client.catch((error: unknown) => {
      this.client = null;
      throw error;
    });
  }
}

/** The scanner the configuration asks for: clamd when CLAMD_SOCKET is set, else none. */
export function virusScannerFor(clamdSocket: string | undefined): VirusScanner {
  return clamdSocket ? new ClamdScanner(clamdSocket) : new NoVirusScanner();
}
