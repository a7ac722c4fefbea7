import { redactUrl } from './database-connection';

describe('redactUrl', () => {
  it('removes the password so the URL can be logged', () => {
    expect(redactUrl('postgres://registry:s3cr%40t@db:5432/registry')).toBe(
      'postgres://registry:***@db:5432/registry',
    );
    expect(redactUrl('postgres://postgres@127.0.0.1:5432/postgres')).toBe(
      'postgres://postgres@127.0.0.1:5432/postgres',
    );
  });

  it('never echoes an unparseable URL', () => {
    expect(redactUrl('postgres://user:pa ss@:::')).not.toContain('pa ss');
  });
});
