import { startupBanner } from './startup-banner';

const counts = { fxRates: 3, investors: 15, parks: 17, pairings: 2, projects: 9, documents: 2 };
const none = { fxRates: 0, investors: 0, parks: 0, pairings: 0, projects: 0, documents: 0 };

describe('startupBanner', () => {
  const firstStart = startupBanner({
    baseUrl: 'http://localhost:3000',
    database: 'embedded PostgreSQL on 127.0.0.1:5555, data in /srv/.data/pg',
    admin: {
      created: true,
      email: 'admin@twin-parks.local',
      password: 'correct-horse-battery',
      passwordFile: '/srv/.data/admin-password.txt',
    },
    demo: { loaded: true, report: { created: counts, present: none, requestId: 'r' } },
    mail: { kind: 'files', directory: '/srv/.data/mail' },
    documents: { store: '/srv/.data/documents', scanner: 'none (CLAMD_SOCKET unset)' },
  });

  it('shows a person where everything is, with the generated password once', () => {
    expect(firstStart.text.split('\n')).toEqual([
      'Twin-park registry is ready',
      '  Console    http://localhost:3000/  (web console: sign in with the admin below)',
      '  API        http://localhost:3000/api/v1',
      '  Docs       http://localhost:3000/docs  (OpenAPI document: http://localhost:3000/docs/openapi.json)',
      '  Database   embedded PostgreSQL on 127.0.0.1:5555, data in /srv/.data/pg',
      '  Mail       no SMTP_URL set; messages are written to /srv/.data/mail as .eml files',
      '  Documents  /srv/.data/documents; virus scan: none (CLAMD_SOCKET unset)',
      '  Admin      admin@twin-parks.local, generated password: correct-horse-battery (also in /srv/.data/admin-password.txt)',
      '  Demo data  loaded now: 17 parks, 2 pairings, 15 investors, 9 projects, 3 FX rates, 2 generated documents',
    ]);
  });

  it('gives log collectors the same facts but never the password', () => {
    expect(firstStart.fields).toEqual({
      consoleUrl: 'http://localhost:3000/',
      apiUrl: 'http://localhost:3000/api/v1',
      docsUrl: 'http://localhost:3000/docs',
      database: 'embedded PostgreSQL on 127.0.0.1:5555, data in /srv/.data/pg',
      mail: { kind: 'files', directory: '/srv/.data/mail' },
      documents: { store: '/srv/.data/documents', scanner: 'none (CLAMD_SOCKET unset)' },
      firstAdmin: {
        email: 'admin@twin-parks.local',
        passwordFile: '/srv/.data/admin-password.txt',
      },
      demoData: { loaded: true, created: counts, present: none },
    });
    expect(JSON.stringify(firstStart.fields)).not.toContain('correct-horse-battery');
  });

  it('on later starts leaves the admin out and says why there is no demo load', () => {
    const later = startupBanner({
      baseUrl: 'http://localhost:3000',
      database: 'PostgreSQL at postgres://registry:***@db:5432/registry (DATABASE_URL)',
      admin: { created: false },
      demo: { loaded: false, why: 'loaded at an earlier start' },
      mail: { kind: 'smtp', server: 'mail.example.gov:587', tls: false },
      documents: { store: 'documents', scanner: 'clamd at clamav:3310' },
    });
    expect(later.text).not.toContain('Admin');
    expect(later.text).toContain('  Mail       SMTP mail.example.gov:587');
    expect(later.fields.mail).toEqual({ kind: 'smtp', server: 'mail.example.gov:587', tls: false });
    expect(later.text).toContain('  Demo data  loaded at an earlier start');
    expect(later.fields.firstAdmin).toBeUndefined();
  });

  it('counts a partial top-up, singular and plural', () => {
    const topUp = startupBanner({
      baseUrl: 'http://x',
      database: 'db',
      admin: { created: false },
      mail: { kind: 'files', directory: '/d/mail' },
      documents: { store: 'documents', scanner: 'none' },
      demo: {
        loaded: true,
        report: {
          created: { ...none, projects: 1 },
          present: { ...counts, projects: 8 },
          requestId: 'r',
        },
      },
    });
    expect(topUp.text).toContain(
      'loaded now: 1 project (already there: 17 parks, 2 pairings, 15 investors, 8 projects, 3 FX rates, 2 generated documents)',
    );
  });
});
