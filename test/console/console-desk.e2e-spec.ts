import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/jobs/clock';
import { DemoSeedService } from '../../src/modules/demo-data/demo-seed.service';
import { Notifier } from '../../src/modules/notifications/notifier';
import type { Role } from '../../src/modules/users/roles';
import { startTestApp, type TestApp, type TestUser } from '../harness/test-app';
import { ConsoleClient, csrfTokenOf, idsByCode } from '../support/console-client';

interface QueueItem {
  pairingId: string;
  countryCode: string;
  dueSoonOn: string;
  dueOn: string;
  escalateOn: string;
  status: string;
}
interface Calendar {
  countryCode: string;
  reviewWorkingDays: number;
  weekend: number[];
  timeZone: string;
  subdivisionWeekends: { subdivisionCode: string; weekend: number[]; source: string | null }[];
  holidays: { date: string; name: string; subdivisionCode: string | null }[];
  source: string | null;
  version: number;
}
interface Person {
  readonly user: TestUser;
  readonly browser: ConsoleClient;
}

/** The review desk in the console: header badges, queue, dashboard, inbox, calendars, account. */
describe('web console: the review desk', () => {
  let t: TestApp;
  let now = new Date('2026-03-02T02:00:00Z');
  let pairingId: string;
  let admin: Person;
  let officerMY: Person;
  let reviewerMY: Person;
  let reviewerCN: Person;
  let reviewerVN: Person;
  let analyst: Person;

  const person = async (role: Role, country: string | null = null): Promise<Person> => {
    const user = await t.signIn(role, country);
    const browser = new ConsoleClient(t);
    const signedIn = await browser.signIn(user.user.email);
    if (signedIn.status !== 303) throw new Error(`console sign-in failed: ${signedIn.status}`);
    return { user, browser };
  };
  const queueOf = async (who: Person) =>
    (await t.get<{ items: QueueItem[] }>('/api/v1/reviews', who.user.auth)).body.items;
  const calendar = async (code: string) =>
    (await t.get<Calendar>(`/api/v1/countries/${code}/review-calendar`, admin.user.auth)).body;
  /** The page's link in the header, with its badge if it has one. */
  const navLink = (html: string, href: string): string | null =>
    new RegExp(`<li><a href="${href}"[^>]*>.*?</a></li>`).exec(html)?.[0] ?? null;
  const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

  /** The calendar as its form posts it (rows numbered as the page numbers them). */
  const calendarFields = (c: Calendar): Record<string, string | string[]> => {
    const fields: Record<string, string | string[]> = {
      reviewWorkingDays: String(c.reviewWorkingDays),
      weekend: c.weekend.map(String),
      timeZone: c.timeZone,
      source: c.source ?? '',
      version: String(c.version),
    };
    c.subdivisionWeekends.forEach((week, i) => {
      fields[`subdivisionWeekends[${i}].subdivisionCode`] = week.subdivisionCode;
      fields[`subdivisionWeekends[${i}].weekend`] = week.weekend.map(String);
      fields[`subdivisionWeekends[${i}].source`] = week.source ?? '';
    });
    c.holidays.forEach((holiday, i) => {
      fields[`holidays[${i}].date`] = holiday.date;
      fields[`holidays[${i}].name`] = holiday.name;
      fields[`holidays[${i}].subdivisionCode`] = holiday.subdivisionCode ?? '';
    });
    return fields;
  };

  /** Posts the holiday upload form as a browser does (multipart, token first). */
  const uploadIcs = async (
    who: Person,
    code: string,
    fields: Record<string, string>,
    ics: string | null,
  ) => {
    const boundary = '----desk-test';
    const page = await who.browser.get(`/countries/${code}/review-calendar`);
    const all = { _csrf: csrfTokenOf(page.text), ...fields };
    const parts = Object.entries(all).map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    if (ics !== null) {
      parts.push(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="holidays.ics"\r\nContent-Type: text/calendar\r\n\r\n${ics}\r\n`,
      );
    }
    parts.push(`--${boundary}--\r\n`);
    return t.request<string>({
      method: 'POST',
      url: `/countries/${code}/review-calendar/holidays`,
      payload: parts.join(''),
      headers: {
        accept: 'text/html',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: ['tpr_session', 'tpr_csrf'].map((n) => `${n}=${who.browser.cookie(n)}`).join('; '),
      },
    });
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => now);
    await t.app.get(DemoSeedService).seed();
    pairingId = (await idsByCode(t, '/pairings'))['CN-MY-TCTP'];
    [admin, officerMY, reviewerMY, reviewerCN, reviewerVN, analyst] = await Promise.all([
      person('admin'),
      person('officer', 'MY'),
      person('reviewer', 'MY'),
      person('reviewer', 'CN'),
      person('reviewer', 'VN'),
      person('analyst'),
    ]);
    // Submitted on Monday 2 March 2026, mid-morning in Kuala Lumpur and Beijing.
    const submitted = await officerMY.browser.post(
      `/pairings/${pairingId}/submit`,
      {},
      { from: `/pairings/${pairingId}` },
    );
    expect(submitted.status).toBe(303);
  });
  afterAll(() => t.close());

  /** Sets the clock to noon (UTC+8) on the day the MY side's round reaches this date. */
  const moveTo = async (date: 'dueSoonOn' | 'dueOn' | 'escalateOn') => {
    const round = (await queueOf(reviewerMY)).find((item) => item.pairingId === pairingId);
    if (!round) throw new Error('the MY round is not in the queue');
    now = new Date(`${round[date]}T04:00:00Z`);
  };

  it('shows an Inbox link with the unread count to everyone, and Reviews with what is due to reviewers and admins', async () => {
    await moveTo('dueSoonOn');
    const reviewerPage = await reviewerMY.browser.get('/');
    expect(reviewerPage.status).toBe(200);
    // The submission told the reviewer: one unread; their round is due soon: one to attend to.
    expect(navLink(reviewerPage.text, '/notifications')).toBe(
      '<li><a href="/notifications">Inbox <span class="nav-count" aria-hidden="true">1</span><span class="visually-hidden"> (1 unread)</span></a></li>',
    );
    expect(navLink(reviewerPage.text, '/reviews')).toBe(
      '<li><a href="/reviews">Reviews <span class="nav-count" aria-hidden="true">1</span><span class="visually-hidden"> (1 due soon or overdue)</span></a></li>',
    );
    // An officer and an analyst have an inbox (empty: no badge) and no queue of their own.
    for (const who of [officerMY, analyst]) {
      const page = await who.browser.get('/');
      expect(navLink(page.text, '/notifications')).toBe(
        '<li><a href="/notifications">Inbox</a></li>',
      );
      expect(navLink(page.text, '/reviews')).toBeNull();
    }
    // Admins are told of escalations: none yet.
    const adminPage = await admin.browser.get('/parks');
    expect(navLink(adminPage.text, '/reviews')).toBe('<li><a href="/reviews">Reviews</a></li>');
    await moveTo('escalateOn');
    const escalated = await admin.browser.get('/parks');
    expect(navLink(escalated.text, '/reviews')).toContain(
      '<span class="nav-count" aria-hidden="true">2</span><span class="visually-hidden"> (2 due soon or overdue)</span>',
    );
    // The Reviews page marks itself current; the signed-in name leads to the account page.
    const reviews = await reviewerMY.browser.get('/reviews');
    expect(navLink(reviews.text, '/reviews')).toContain('aria-current="page"');
    expect(reviews.text).toContain('<a class="who" href="/account">');
    await moveTo('dueSoonOn');
  });

  it('lists the queue with due dates and status in words, filters it, pages it, and says when it is empty', async () => {
    const page = await reviewerMY.browser.get('/reviews');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<a href="/pairings/${pairingId}"><code>CN-MY-TCTP</code>`);
    expect(page.text).toContain('<span class="badge review-due_soon">Due soon</span>');
    expect(page.text).toContain('<td>Test officer</td>');
    expect(page.text).toContain('<th scope="col" class="num">Working days waiting</th>');
    expect(page.text).toContain('<td>Malaysia</td>');
    // The reviewer's country only: the CN side's round is not theirs.
    expect(page.text).not.toContain('<td>China</td>');

    const filtered = await reviewerMY.browser.get('/reviews?awaiting=me&state=overdue');
    expect(filtered.status).toBe(200);
    expect(filtered.text).toContain('No review matches these filters.');
    expect(filtered.text).toMatch(/<option value="overdue" selected>Overdue<\/option>/);

    const bad = await reviewerMY.browser.get('/reviews?dueBefore=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<p class="field-error" id="f-dueBefore-error">');
    expect(bad.text).toMatch(/id="f-dueBefore"[^>]*aria-invalid="true"/);

    // Admins see both sides; one a page.
    const first = await admin.browser.get('/reviews?limit=1');
    const next = /<a href="([^"]+)" rel="next">/.exec(first.text)?.[1];
    expect(next).toBeDefined();
    const second = await admin.browser.get((next ?? '').replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    const sides = [first.text, second.text].map(
      (html) => /<td>(China|Malaysia)<\/td>/.exec(html)?.[1],
    );
    expect(sides.sort()).toEqual(['China', 'Malaysia']);

    const vn = await reviewerVN.browser.get('/reviews');
    expect(vn.text).toContain('Nothing is waiting for review.');
    // Officers see their country's pairings under review; every role may open the page.
    expect((await officerMY.browser.get('/reviews')).text).toContain('CN-MY-TCTP');
    expect((await analyst.browser.get('/reviews')).status).toBe(200);
    const visitor = await new ConsoleClient(t).get('/reviews');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toMatch(/^\/sign-in/);
  });

  it('shows what awaits each user on the dashboard', async () => {
    const reviewer = await reviewerMY.browser.get('/');
    expect(reviewer.text).toContain('<h2 id="awaits-title">What awaits you</h2>');
    expect(reviewer.text).toContain('<h3>Pairings waiting for your review</h3>');
    expect(reviewer.text).toMatch(/<span class="figure">1<\/span> Due soon/);
    expect(reviewer.text).toMatch(/<span class="figure">0<\/span> Overdue/);
    expect(reviewer.text).toContain(`<a href="/pairings/${pairingId}">`);
    expect(reviewer.text).toContain(
      '<a href="/notifications?unread=true">Unread notifications: 1</a>',
    );

    const officer = await officerMY.browser.get('/');
    expect(officer.text).toContain('<h3>Your country’s pairings under review</h3>');
    const round = (await queueOf(officerMY)).find((item) => item.countryCode === 'MY');
    const due = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${round?.dueOn}T00:00:00Z`),
    );
    expect(officer.text).toContain(`due ${due}`);
    expect(officer.text).toContain('No unread notifications.');

    const vn = await reviewerVN.browser.get('/');
    expect(vn.text).toContain('Nothing is waiting for your review.');
    expect((await analyst.browser.get('/')).text).toContain(
      '<h3>Pairings submitted for review</h3>',
    );
  });

  it('lists the inbox newest first, marks one or all read (post, then redirect), filters unread, and pages', async () => {
    // Two more for the MY reviewer, through the app's own Notifier.
    const pairing = { id: pairingId, code: 'CN-MY-TCTP', name: 'Test pairing', nameZh: null };
    for (const kind of ['review_due_soon', 'review_due'] as const) {
      now = new Date(now.getTime() + 60_000);
      await t.app.get(DataSource).transaction((manager) =>
        t.app.get(Notifier).notify(manager, {
          kind,
          recipientIds: [reviewerMY.user.user.id],
          pairing,
          round: 1,
          countryCode: 'MY',
          dueOn: '2026-03-16',
        }),
      );
    }
    const inbox = await reviewerMY.browser.get('/notifications');
    expect(inbox.status).toBe(200);
    expect(navLink(inbox.text, '/notifications')).toContain('(3 unread)');
    const kinds = [...inbox.text.matchAll(/<p class="muted">(Review [a-z ]+) · /g)].map(
      (m) => m[1],
    );
    expect(kinds).toEqual(['Review due today', 'Review due soon', 'Review awaiting']);
    expect(inbox.text.match(/<li class="notice unread">/g)).toHaveLength(3);
    expect(inbox.text).toContain(`href="/pairings/${pairingId}"`);

    const ids = [...inbox.text.matchAll(/action="\/notifications\/([0-9a-f-]{36})\/read"/g)].map(
      (m) => m[1],
    );
    expect(ids).toHaveLength(3);
    // Someone else's notification is not found for them, as in the API.
    const stranger = await reviewerCN.browser.post(
      `/notifications/${ids[0]}/read`,
      { next: '/notifications' },
      { from: '/notifications' },
    );
    expect(stranger.status).toBe(404);
    // Without the form's token: refused.
    const forged = await reviewerMY.browser.post(
      `/notifications/${ids[0]}/read`,
      {},
      { csrf: null },
    );
    expect(forged.status).toBe(403);

    const marked = await reviewerMY.browser.post(
      `/notifications/${ids[0]}/read`,
      { next: '/notifications?unread=true' },
      { from: '/notifications?unread=true' },
    );
    expect(marked.status).toBe(303);
    expect(marked.headers.location).toBe('/notifications?unread=true&flash=read');
    const unreadOnly = await reviewerMY.browser.get(String(marked.headers.location));
    expect(unreadOnly.text).toContain('<p class="flash" role="status">Marked as read.</p>');
    expect(unreadOnly.text).not.toContain(`/notifications/${ids[0]}/read`);
    expect(unreadOnly.text.match(/<li class="notice unread">/g)).toHaveLength(2);
    expect(unreadOnly.text).toMatch(/id="f-unread" name="unread" value="true" checked/);
    // A redirect never leaves the inbox.
    const away = await reviewerMY.browser.post(
      `/notifications/${ids[1]}/read`,
      { next: '//evil.example/' },
      { from: '/notifications' },
    );
    expect(away.headers.location).toBe('/notifications?flash=read');

    const paged = await reviewerMY.browser.get('/notifications?limit=2');
    expect(paged.text.match(/<li class="notice/g)).toHaveLength(2);
    const next = /<a href="([^"]+)" rel="next">/.exec(paged.text)?.[1] ?? '';
    const rest = await reviewerMY.browser.get(next.replace(/&amp;/g, '&'));
    expect(rest.text.match(/<li class="notice/g)).toHaveLength(1);

    const all = await reviewerMY.browser.post(
      '/notifications/read-all',
      { next: '/notifications' },
      { from: '/notifications' },
    );
    expect(all.headers.location).toBe('/notifications?flash=allRead');
    const none = await reviewerMY.browser.get('/notifications?unread=true');
    expect(none.text).toContain('No unread notifications.');
    expect(navLink(none.text, '/notifications')).toBe(
      '<li><a href="/notifications" aria-current="page">Inbox</a></li>',
    );
    const bad = await reviewerMY.browser.get('/notifications?unread=maybe');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('unread must be true or false');
  });

  it('shows a review calendar to every role and lets only admins change it', async () => {
    const page = await analyst.browser.get('/countries/MY/review-calendar');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Review calendar: Malaysia');
    expect(page.text).toContain('Only admins can change a review calendar.');
    expect(page.text).toMatch(/<td>MY-02<\/td><td>Friday, Saturday<\/td>/);
    expect(page.text).not.toContain('action="/countries/MY/review-calendar"');
    const refused = await analyst.browser.post(
      '/countries/MY/review-calendar',
      calendarFields(await calendar('MY')),
      { from: '/countries/MY/review-calendar' },
    );
    expect(refused.status).toBe(403);

    const form = await admin.browser.get('/countries/MY/review-calendar');
    expect(form.text).toContain('<legend>Weekend</legend>');
    expect(form.text).toMatch(/id="f-weekend-6" name="weekend" value="6" checked/);
    expect(form.text).toMatch(/id="f-weekend-5" name="weekend" value="5">/);
    expect(form.text).toContain('<legend>Weekend of MY-02</legend>');
    expect(form.text).toContain('<legend>Add a state or province</legend>');
    expect(form.text).toContain('<label class="visually-hidden" for="f-holidays_0__date">');
    const before = await calendar('MY');
    expect(versionOn(form.text)).toBe(String(before.version));

    const fields = calendarFields(before);
    const weeks = before.subdivisionWeekends.length;
    const saved = await admin.browser.post(
      '/countries/MY/review-calendar',
      {
        ...fields,
        reviewWorkingDays: '12',
        // The empty rows the page offers: two holidays, and a week of Johor's own (as it had until 2024).
        'holidays[0].date': '2026-03-31',
        'holidays[0].name': 'Hari Raya Aidilfitri',
        'holidays[1].date': '2026-03-04',
        'holidays[1].name': 'Johor state holiday',
        'holidays[1].subdivisionCode': 'my-01',
        [`subdivisionWeekends[${weeks}].subdivisionCode`]: 'MY-01',
        [`subdivisionWeekends[${weeks}].weekend`]: ['5', '6'],
        reason: 'Ministry circular 3/2026',
      },
      { csrf: csrfTokenOf(form.text) },
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/countries/MY/review-calendar?flash=saved');
    const after = await calendar('MY');
    expect(after.reviewWorkingDays).toBe(12);
    expect(after.holidays).toEqual([
      { date: '2026-03-04', name: 'Johor state holiday', subdivisionCode: 'MY-01' },
      { date: '2026-03-31', name: 'Hari Raya Aidilfitri', subdivisionCode: null },
    ]);
    expect(after.subdivisionWeekends.find((w) => w.subdivisionCode === 'MY-01')?.weekend).toEqual([
      5, 6,
    ]);
    // The seeded weeks keep their sources.
    const kedah = (c: Calendar) => c.subdivisionWeekends.find((w) => w.subdivisionCode === 'MY-02');
    expect(kedah(after)?.source).toBeTruthy();
    expect(kedah(after)?.source).toBe(kedah(before)?.source);
    const audited = await t.db.query<{ reason: string }>(
      `SELECT reason FROM audit.change WHERE table_name = 'review_calendar' AND row_id = 'MY'
        ORDER BY id DESC LIMIT 1`,
    );
    expect(audited[0].reason).toBe('Ministry circular 3/2026');
    const shown = await admin.browser.get(String(saved.headers.location));
    expect(shown.text).toContain('<p class="flash" role="status">Saved.</p>');

    // Without the token: refused, nothing written.
    const forged = await admin.browser.post(
      '/countries/MY/review-calendar',
      calendarFields(after),
      { csrf: null },
    );
    expect(forged.status).toBe(403);
  });

  it('shows each calendar error at its own row, counting rows as the page does', async () => {
    const current = await calendar('MY');
    const fields = calendarFields(current);
    // Row 0 removed, row 1 unchanged, row 2 new and wrong: the error belongs to row 2.
    const response = await admin.browser.post(
      '/countries/MY/review-calendar',
      {
        ...fields,
        'holidays[0].remove': 'on',
        'holidays[2].date': '2026-02-30',
        'holidays[2].name': 'No such day',
        'holidays[2].subdivisionCode': 'TH-10',
        weekend: ['1', '2', '3', '4', '5', '6', '7'],
      },
      { from: '/countries/MY/review-calendar' },
    );
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/<p class="field-error" id="f-holidays_2__date-error">[^<]+</);
    expect(response.text).toMatch(
      /id="f-holidays_2__date" name="holidays\[2\]\.date" type="date" value="2026-02-30" aria-invalid="true"/,
    );
    expect(response.text).toContain('<p class="field-error" id="f-weekend-error">');
    // The typed rows come back as typed: the removal still ticked.
    expect(response.text).toMatch(/name="holidays\[0\]\.remove" value="on" checked/);
    expect((await calendar('MY')).version).toBe(current.version);

    const subdivision = await admin.browser.post(
      '/countries/MY/review-calendar',
      {
        ...fields,
        'holidays[2].date': '2026-05-01',
        'holidays[2].name': 'x',
        'holidays[2].subdivisionCode': 'TH-10',
      },
      { from: '/countries/MY/review-calendar' },
    );
    expect(subdivision.status).toBe(400);
    expect(subdivision.text).toContain(
      '<p class="field-error" id="f-holidays_2__subdivisionCode-error">TH-10 is not a subdivision of MY</p>',
    );
  });

  it('shows who changed the calendar meanwhile, beside the admin’s edit, and saves once they have seen it', async () => {
    const form = await admin.browser.get('/countries/MY/review-calendar');
    const opened = await calendar('MY');
    const colleague = await t.signIn('admin');
    const other = await t.request({
      method: 'PUT',
      url: '/api/v1/countries/MY/review-calendar',
      headers: {
        ...colleague.auth,
        'if-match': `"${opened.version}"`,
        'x-change-reason': 'Period from the 2026 regulation',
      },
      payload: {
        ...opened,
        countryCode: undefined,
        updatedAt: undefined,
        version: undefined,
        reviewWorkingDays: 11,
      },
    });
    expect(other.status).toBe(200);
    const stale = await admin.browser.post(
      '/countries/MY/review-calendar',
      { ...calendarFields(opened), reviewWorkingDays: '14' },
      { csrf: csrfTokenOf(form.text) },
    );
    expect(stale.status).toBe(412);
    expect(stale.text).toContain('Someone changed this calendar while you were editing');
    expect(stale.text).toContain(`Changed by Test admin &lt;${colleague.user.email}&gt;`);
    expect(stale.text).toContain('Period from the 2026 regulation');
    expect(stale.text).toContain(
      '<tr><th scope="row">Review period (working days)</th><td>11</td><td>14</td></tr>',
    );
    expect(versionOn(stale.text)).toBe(String(opened.version + 1));
    expect(stale.text).toMatch(
      /id="f-reviewWorkingDays" name="reviewWorkingDays" type="number" value="14"/,
    );
    const again = await admin.browser.post(
      '/countries/MY/review-calendar',
      { ...calendarFields(opened), reviewWorkingDays: '14', version: versionOn(stale.text) },
      { csrf: csrfTokenOf(stale.text) },
    );
    expect(again.status).toBe(303);
    expect((await calendar('MY')).reviewWorkingDays).toBe(14);
  });

  it('imports holidays from an iCalendar file, and shows a bad file’s problem at the file field', async () => {
    const before = await calendar('BN');
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//desk test//EN',
      'BEGIN:VEVENT',
      'UID:nd-2026@example.org',
      'DTSTART;VALUE=DATE:20260223',
      'DTEND;VALUE=DATE:20260224',
      'SUMMARY:National Day',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const imported = await uploadIcs(admin, 'BN', { version: String(before.version) }, ics);
    expect(imported.status).toBe(303);
    expect(imported.headers.location).toBe(
      '/countries/BN/review-calendar?flash=holidaysImported&added=1&present=0',
    );
    const page = await admin.browser.get(String(imported.headers.location));
    expect(page.text).toContain('Holidays added: 1; already in the calendar: 0.');
    expect((await calendar('BN')).holidays).toEqual([
      { date: '2026-02-23', name: 'National Day', subdivisionCode: null },
    ]);

    const stale = await uploadIcs(admin, 'BN', { version: String(before.version) }, ics);
    expect(stale.status).toBe(412);
    expect(stale.text).toContain('Someone changed this calendar while you were choosing the file');

    const version = String((await calendar('BN')).version);
    const bad = await uploadIcs(admin, 'BN', { version }, 'this is not a calendar');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/<p class="field-error" id="f-file-error">[^<]+<\/p>/);
    const noFile = await uploadIcs(admin, 'BN', { version }, null);
    expect(noFile.text).toContain(
      '<p class="field-error" id="f-file-error">Choose an iCalendar (.ics) file.</p>',
    );
    const wrongPlace = await uploadIcs(admin, 'BN', { version, subdivision: 'state one' }, ics);
    expect(wrongPlace.status).toBe(400);
    expect(wrongPlace.text).toContain('<p class="field-error" id="f-subdivision-error">');

    const forged = await t.request<string>({
      method: 'POST',
      url: '/countries/BN/review-calendar/holidays',
      payload: `--b\r\nContent-Disposition: form-data; name="file"; filename="x.ics"\r\n\r\n${ics}\r\n--b--\r\n`,
      headers: {
        accept: 'text/html',
        'content-type': 'multipart/form-data; boundary=b',
        cookie: ['tpr_session', 'tpr_csrf']
          .map((n) => `${n}=${admin.browser.cookie(n)}`)
          .join('; '),
      },
    });
    expect(forged.status).toBe(403);
    expect((await uploadIcs(analyst, 'BN', { version }, ics)).status).toBe(403);
  });

  it('lists the seeded calendars and opens any country’s by its code', async () => {
    const list = await reviewerMY.browser.get('/review-calendars');
    expect(list.status).toBe(200);
    expect(list.text).toContain('<a href="/countries/MY/review-calendar">Malaysia</a>');
    expect(list.text).toContain('<a href="/countries/CN/review-calendar">China</a>');
    expect(list.text).toMatch(/Brunei[^<]*<\/a>.*?<td>Friday, Sunday<\/td>/s);
    const open = await reviewerMY.browser.get('/review-calendars?country=fr');
    expect(open.status).toBe(303);
    expect(open.headers.location).toBe('/countries/FR/review-calendar');
    const france = await reviewerMY.browser.get('/countries/FR/review-calendar');
    expect(france.text).toContain('This country has no calendar of its own yet');
    const unknown = await reviewerMY.browser.get('/review-calendars?country=QQ');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain(
      '<p class="field-error" id="f-country-error">No country has the code “QQ”: type two letters such as TH.</p>',
    );
    expect((await reviewerMY.browser.get('/countries/QQ/review-calendar')).status).toBe(404);
    expect((await reviewerMY.browser.get('/countries/Q1/review-calendar')).status).toBe(400);
  });

  it('shows each user their account and saves their notification choices', async () => {
    const page = await officerMY.browser.get('/account');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<dd>${officerMY.user.user.email}</dd>`);
    expect(page.text).toContain('<dd>investment officer</dd>');
    expect(page.text).toContain('<dd>Malaysia (MY)</dd>');
    expect(page.text).toContain('reviews escalated to admins are always emailed at once');
    expect(page.text).toMatch(/id="f-email-immediate" name="email" value="immediate" checked/);
    expect(page.text).toContain('<label for="f-language-zh" lang="zh-Hans">简体中文</label>');

    const saved = await officerMY.browser.post(
      '/account/notification-settings',
      { email: 'daily', language: 'zh', version: versionOn(page.text) },
      { csrf: csrfTokenOf(page.text) },
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/account?flash=saved');
    const settings = await t.get<{ email: string; language: string; version: number }>(
      '/api/v1/users/me/notification-settings',
      officerMY.user.auth,
    );
    expect(settings.body).toEqual({ email: 'daily', language: 'zh', version: 1 });

    // The same form sent again from an older window: both choices shown, nothing overwritten.
    const stale = await officerMY.browser.post(
      '/account/notification-settings',
      { email: 'none', language: 'zh', version: versionOn(page.text) },
      { csrf: csrfTokenOf(page.text) },
    );
    expect(stale.status).toBe(412);
    expect(stale.text).toContain('Your settings were changed in another window');
    expect(stale.text).toContain(
      '<tr><th scope="row">Email me</th><td>Once a day, in a digest</td><td>Never (inbox only)</td></tr>',
    );
    expect(versionOn(stale.text)).toBe('1');
    expect(stale.text).toMatch(/value="none" checked/);

    const bad = await officerMY.browser.post(
      '/account/notification-settings',
      { email: 'weekly', language: 'zh', version: '1' },
      { from: '/account' },
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/<p class="field-error" id="f-email-error">email must be one of/);
    // Every role has the page.
    for (const who of [analyst, reviewerVN, admin]) {
      expect((await who.browser.get('/account')).status).toBe(200);
    }
    expect((await new ConsoleClient(t).get('/account')).status).toBe(303);
  });

  it('speaks Simplified Chinese on the desk pages', async () => {
    const browser = reviewerCN.browser;
    await browser.get('/language/zh?next=%2F');
    const reviews = await browser.get('/reviews');
    expect(reviews.text).toContain('<h1>审核</h1>');
    expect(reviews.text).toMatch(
      /<span class="badge review-[a-z_]+">(待审|即将到期|今日到期|已逾期|已上报)<\/span>/,
    );
    const inbox = await browser.get('/notifications');
    expect(inbox.text).toContain('(1 条未读)');
    expect(inbox.text).toContain('标为已读');
    expect((await browser.get('/countries/MY/review-calendar')).text).toContain('星期五、星期六');
    expect((await browser.get('/account')).text).toContain('每天一次，汇总发送');
  });

  it('never answers a desk form with a 5xx, whatever is posted', async () => {
    const forms: Record<string, { who: Person; fields: string[] }> = {
      '/countries/MY/review-calendar': {
        who: admin,
        fields: [
          'reviewWorkingDays',
          'weekend',
          'timeZone',
          'version',
          'subdivisionWeekends[0].subdivisionCode',
          'subdivisionWeekends[0].weekend',
          'holidays[0].date',
          'holidays[0].name',
          'holidays[0].subdivisionCode',
          'holidays[7].remove',
        ],
      },
      '/account/notification-settings': { who: analyst, fields: ['email', 'language', 'version'] },
      '/notifications/read-all': { who: analyst, fields: ['next'] },
    };
    const nasty = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '0', '-1', '8', '1e309', '9'.repeat(40), '\u0000', '2024-02-30', 'null'),
    );
    const failures: string[] = [];
    for (const [url, { who, fields }] of Object.entries(forms)) {
      const token = csrfTokenOf((await who.browser.get('/account')).text);
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...fields), nasty), async (values) => {
          const response = await who.browser.post(url, values, { csrf: token });
          if (response.status >= 500) failures.push(`${url} ${JSON.stringify(values)}`);
          return response.status < 500;
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 15) },
      );
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
