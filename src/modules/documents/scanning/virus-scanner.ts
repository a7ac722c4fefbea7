import type { Readable } from 'node:stream';

/** What a virus scanner said of one file. */
export interface ScanVerdict {
  readonly infected: boolean;
  /** The signature that matched, e.g. `Win.Test.EICAR_HDB-1`; null when clean. */
  readonly signature: string | null;
}

/** The scanner could not be asked (clamd down, timed out): the file waits as `pending`. */
export class ScannerUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScannerUnavailableError';
  }
}

/**
 * Scans documents' bytes before anyone can download them. `configured` false means no scanner
 * is set up (CLAMD_SOCKET unset): files are stored as `unscanned`.
 */
export interface VirusScanner {
  readonly configured: boolean;
  /** Where it scans, for logs and the start-up banner (no secrets). */
  readonly description: string;
  /** Throws ScannerUnavailableError when the scanner cannot give a verdict now. */
  scan(content: Readable): Promise<ScanVerdict>;
}

export const VIRUS_SCANNER = Symbol('VIRUS_SCANNER');

/** No scanner configured. */
export class NoVirusScanner implements VirusScanner {
  readonly configured = false;
  readonly description = 'none (CLAMD_SOCKET unset: documents are stored as unscanned)';

  scan(): Promise<ScanVerdict> {
    return Promise.reject(new ScannerUnavailableError('no virus scanner is configured'));
  }
}
