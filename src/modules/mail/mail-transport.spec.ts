import { loadConfig } from '../../config/app-config';
import { MailTransport, messageIdOf } from './mail-transport';

describe('MailTransport', () => {
  const transport = new MailTransport(
    loadConfig({ NODE_ENV: 'test', SMTP_URL: 'smtp://registry:p%40ss%20word@mail.example.gov:25' }),
  );
  afterAll(() => transport.onModuleDestroy());

  it('gives every outbox mail one stable Message-ID', () => {
    const id = '0b6c3f5e-1d2a-4c8e-9f00-123456789abc';
    expect(messageIdOf(id)).toBe(`<${id}@twin-park-registry>`);
  });

  it('describes a failure briefly, with the SMTP password blanked out', () => {
    const error = Object.assign(
      new Error(
        'Invalid login for smtp://registry:p%40ss%20word@mail.example.gov:25\n535 p@ss word',
      ),
      { code: 'EAUTH' },
    );
    const text = transport.describeError(error);
    expect(text).toBe('EAUTH: Invalid login for smtp://registry:***@mail.example.gov:25 535 ***');
    expect(transport.describeError(new Error('x'.repeat(1000)))).toHaveLength(300);
  });
});
