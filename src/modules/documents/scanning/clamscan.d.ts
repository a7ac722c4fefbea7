// The clamscan package ships no types: this declares the part of its API the registry uses
// (streaming a file to clamd over its socket; see clamd-scanner.ts).
declare module 'clamscan' {
  import type { Readable } from 'node:stream';

  interface ClamdOptions {
    socket?: string | false;
    host?: string | false;
    port?: number | false;
    timeout?: number;
    localFallback?: boolean;
    path?: string | null;
    active?: boolean;
    bypassTest?: boolean;
  }

  interface NodeClamOptions {
    removeInfected?: boolean;
    quarantineInfected?: string | false;
    scanLog?: string | null;
    debugMode?: boolean;
    preference?: 'clamscan' | 'clamdscan';
    clamscan?: { active?: boolean; path?: string | null };
    clamdscan?: ClamdOptions;
  }

  interface ScanResult {
    /** null when clamd gave no verdict (a timeout, a limit). */
    isInfected: boolean | null;
    viruses: string[];
    resultString?: string;
  }

  class NodeClam {
    init(options?: NodeClamOptions): Promise<NodeClam>;
    scanStream(stream: Readable): Promise<ScanResult>;
  }

  export default NodeClam;
}
