import { PassThrough } from 'node:stream';
import { ClamdScanner, clamdAddress, virusScannerFor } from './clamd-scanner';
import { NoVirusScanner, ScannerUnavailableError } from './virus-scanner';

describe('clamd scanner', () => {
  it('reads CLAMD_SOCKET as a socket path or host:port', () => {
    expect(clamdAddress('/run/clamav/clamd.ctl')).toEqual({ socket: '/run/clamav/clamd.ctl' });
    expect(clamdAddress('clamav:3310')).toEqual({ host: 'clamav', port: 3310 });
  });

  it('scans with clamd only when CLAMD_SOCKET is set', () => {
    expect(virusScannerFor(undefined)).toBeInstanceOf(NoVirusScanner);
    const scanner = virusScannerFor('/run/clamav/clamd.ctl');
    expect(scanner).toBeInstanceOf(ClamdScanner);
    expect(scanner.configured).toBe(true);
    expect(scanner.description).toBe('ClamAV clamd at /run/clamav/clamd.ctl');
  });

  it('says the scanner is unavailable, rather than clean, when clamd cannot be reached', async () => {
    const scanner = new ClamdScanner('/nonexistent/clamd.sock', 2000);
    const content = new PassThrough();
    content.end('some bytes');
    await expect(scanner.scan(content)).rejects.toBeInstanceOf(ScannerUnavailableError);
  });
});
