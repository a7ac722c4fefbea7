import { Clock } from '../src/common/jobs/clock';
import { MailWorker } from '../src/modules/mail/mail-worker';
import { ReminderSweep } from '../src/modules/review-desk/reminders/reminder-sweep';
import {
  startTestApp,
  TEST_JWT_SECRET,
  TEST_PASSWORD,
  type TestApp,
  type TestUser,
} from './harness/test-app';
import { SmtpInbox } from './support/smtp-inbox';

const PUBLIC_URL = 'https://registry.example.gov';

/**
 * The desk's mail end to end: a submission and a return go out through a real SMTP server (in
 * this process), in each recipient's language, with a link to the pairing and nothing secret;
 * a daily-digest user gets one digest from the sweep.
 */
describe('review desk mail, received over SMTP', () => {
  let inbox: SmtpInbox;
  let t: TestApp;
  let officerMY: TestUser;
  let officerCN: TestUser;
  let reviewerMY: TestUser;
  let reviewerCN: TestUser;
  let admin: TestUser;
  let now = new Date('2026-12-07T02:00:00Z'); // Monday 10:00 in Kuala Lumpur and Shanghai
  let pairingId = '';

  const settings = async (user: TestUser, email: string, language: string) => {
    const response = await t.request({
      method: 'PUT',
      url: '/api/v1/users/me/notification-settings',
      headers: { ...user.auth, 'if-match': '"0"' },
      payload: { email, language },
    });
    expect(response.status).toBe(200);
  };
  const mailTo = (user: TestUser) =>
    inbox.received.filter((mail) => mail.envelopeTo.includes(user.user.email));
  const deliver = async () => {
    const result = await t.app.get(MailWorker).sendDue(now);
    expect(result.failed).toBe(0);
  };

  beforeAll(async () => {
    inbox = await SmtpInbox.start();
    t = await startTestApp({
      env: { SMTP_URL: inbox.url(), PUBLIC_URL, AUDIT_SEAL_INTERVAL_SECONDS: '0' },
    });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => now);
    [admin, officerMY, officerCN, reviewerMY, reviewerCN] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('officer', 'CN'),
      t.signIn('reviewer', 'MY'),
      t.signIn('reviewer', 'CN'),
    ]);
    await settings(officerCN, 'immediate', 'zh');
    await settings(reviewerCN, 'daily', 'zh');
    const parks: string[] = [];
    for (const [code, countryCode] of [
      ['MY-MCKIP', 'MY'],
      ['CN-CMQIP', 'CN'],
    ]) {
      const park = await t.request<{ id: string }>({
        method: 'POST',
        url: '/api/v1/parks',
        headers: admin.auth,
        payload: { code, name: `${code} park`, countryCode, zoneType: 'industrial_park' },
      });
      parks.push(park.body.id);
    }
    const created = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/pairings',
      headers: officerMY.auth,
      payload: {
        code: 'CN-MY-TCTP',
        name: 'China-Malaysia Two Countries Twin Parks',
        nameZh: '中马两国双园',
        sides: [
          { countryCode: 'MY', parkIds: [parks[0]] },
          { countryCode: 'CN', parkIds: [parks[1]] },
        ],
        status: 'active',
      },
    });
    pairingId = created.body.id;
  });
  afterAll(async () => {
    await t.close();
    await inbox.stop();
  });

  it('tells the Malaysian reviewer at once and keeps the Chinese reviewer’s for the digest', async () => {
    const submitted = await t.request({
      method: 'POST',
      url: `/api/v1/pairings/${pairingId}/submit`,
      headers: officerMY.auth,
    });
    expect(submitted.status).toBe(200);
    await deliver();
    const [mail] = mailTo(reviewerMY);
    expect(mail.parsed.subject).toContain('CN-MY-TCTP');
    expect(mail.parsed.text).toContain(`${PUBLIC_URL}/pairings/${pairingId}`);
    expect(mail.parsed.text).toContain('2026-12-21'); // ten working days after Monday 7
    expect(mailTo(reviewerCN)).toEqual([]);

    // The digest goes out after 07:00 Shanghai time, once, in Chinese.
    now = new Date('2026-12-07T22:00:00Z'); // 06:00 in Shanghai
    await t.app.get(ReminderSweep).run(now);
    await deliver();
    expect(mailTo(reviewerCN)).toEqual([]);
    now = new Date('2026-12-07T23:30:00Z'); // 07:30
    await t.app.get(ReminderSweep).run(now);
    await t.app.get(ReminderSweep).run(now);
    await deliver();
    const digests = mailTo(reviewerCN);
    expect(digests).toHaveLength(1);
    expect(digests[0].parsed.subject).toMatch(/[\u4e00-\u9fff]/);
    expect(digests[0].parsed.text).toContain('中马两国双园');
  });

  it('tells both officers of a return with the reason, each in their language, and nothing secret', async () => {
    const returned = await t.request({
      method: 'POST',
      url: `/api/v1/pairings/${pairingId}/reviews`,
      headers: reviewerMY.auth,
      payload: { decision: 'return', comment: 'Add the 2025 industry plan' },
    });
    expect(returned.status).toBe(200);
    await deliver();
    const [english] = mailTo(officerMY);
    expect(english.envelopeTo).toEqual([officerMY.user.email]);
    expect(english.parsed.subject).toMatch(/returned/i);
    expect(english.parsed.text).toContain('Add the 2025 industry plan');
    expect(english.parsed.text).toContain(`${PUBLIC_URL}/pairings/${pairingId}`);
    const [chinese] = mailTo(officerCN);
    expect(chinese.parsed.subject).toMatch(/[\u4e00-\u9fff]/);
    expect(chinese.parsed.text).toContain('Add the 2025 industry plan');
    expect(chinese.parsed.html).toContain(`href="${PUBLIC_URL}/pairings/${pairingId}"`);
    for (const mail of inbox.received) {
      for (const secret of [TEST_JWT_SECRET, TEST_PASSWORD, officerMY.token, reviewerMY.token]) {
        expect(mail.raw).not.toContain(secret);
      }
    }
    // Each mail went out once.
    const ids = inbox.received.map((mail) => mail.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
