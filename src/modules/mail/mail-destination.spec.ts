import { join } from 'node:path';
import { describeMailDestination, mailDestination } from './mail-destination';

describe('mail destination', () => {
  it('names the SMTP server by host and port, never the credentials', () => {
    const destination = mailDestination(
      'smtp://registry:s3cret-pass@mail.example.gov:587',
      '/srv/data',
    );
    expect(destination).toEqual({ kind: 'smtp', server: 'mail.example.gov:587', tls: false });
    expect(describeMailDestination(destination)).toBe('SMTP mail.example.gov:587');
    expect(JSON.stringify(destination)).not.toMatch(/s3cret|registry:/);
  });

  it("fills in nodemailer's default ports and says when the connection is TLS", () => {
    expect(describeMailDestination(mailDestination('smtps://u:p@mail.example.gov', '/d'))).toBe(
      'SMTPS mail.example.gov:465',
    );
    expect(describeMailDestination(mailDestination('smtp://mail.example.gov', '/d'))).toBe(
      'SMTP mail.example.gov:587',
    );
  });

  it('without SMTP_URL, points at the .eml folder under the data directory', () => {
    const destination = mailDestination(undefined, '/srv/data');
    expect(destination).toEqual({ kind: 'files', directory: join('/srv/data', 'mail') });
    expect(describeMailDestination(destination)).toBe(
      `no SMTP_URL set; messages are written to ${join('/srv/data', 'mail')} as .eml files`,
    );
  });
});
