import { NOTIFICATION_KINDS, type NotificationKind } from './notification-kinds';
import {
  escapeHtml,
  type NotificationFacts,
  renderDigestMail,
  renderNotification,
  renderNotificationMail,
} from './notification-templates';

const facts = (
  kind: NotificationKind,
  extra: Partial<NotificationFacts> = {},
): NotificationFacts => ({
  kind,
  pairing: {
    code: 'CN-MY-TCTP',
    name: 'China-Malaysia Two Countries Twin Parks',
    nameZh: '中马两国双园',
  },
  round: 2,
  country: { name: 'Malaysia', nameZh: '马来西亚' },
  dueOn: '2026-03-16',
  workingDaysWaiting: 8,
  reason: null,
  decidedByName: 'Aminah Binti Ali',
  ...extra,
});

describe('notification templates', () => {
  it.each(NOTIFICATION_KINDS)(
    '%s names the pairing by code and name, the round and the country in both languages',
    (kind) => {
      const en = renderNotification('en', facts(kind));
      expect(en.subject).toContain('CN-MY-TCTP');
      expect(en.subject).toContain('round 2');
      expect(en.body).toContain('China-Malaysia Two Countries Twin Parks');
      expect(en.body).toContain('Malaysia');
      expect(en.body).not.toMatch(/[\u4e00-\u9fff]/);

      const zh = renderNotification('zh', facts(kind));
      expect(zh.subject).toContain('CN-MY-TCTP');
      expect(zh.subject).toContain('第 2 轮');
      expect(zh.body).toContain('中马两国双园');
      expect(zh.body).toContain('马来西亚');
      expect(zh.subject).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it('gives the due date in review reminders and the wait in working days', () => {
    expect(renderNotification('en', facts('review_due_soon'))).toEqual({
      subject:
        'Review due soon: CN-MY-TCTP China-Malaysia Two Countries Twin Parks, round 2, due 2026-03-16',
      body: 'Malaysia’s review of pairing CN-MY-TCTP “China-Malaysia Two Countries Twin Parks” (round 2) is due on 2026-03-16. It has waited 8 working days.',
    });
    expect(renderNotification('zh', facts('review_overdue')).body).toBe(
      '马来西亚对结对 CN-MY-TCTP「中马两国双园」第 2 轮的审核已于 2026-03-16 到期，尚未作出决定。已等待 8 个工作日。',
    );
    expect(
      renderNotification('en', facts('review_awaiting', { workingDaysWaiting: 1 })).body,
    ).toContain('due on 2026-03-16');
    expect(renderNotification('en', facts('review_due', { workingDaysWaiting: 1 })).body).toContain(
      'waited 1 working day.',
    );
  });

  it('says that an escalation decides nothing', () => {
    expect(renderNotification('en', facts('review_escalated')).body).toContain(
      'Nothing is decided automatically',
    );
    expect(renderNotification('zh', facts('review_escalated')).body).toContain(
      '系统不会自动作出决定',
    );
  });

  it('gives the reason of a return or rejection, with its line breaks, and who decided', () => {
    const reason = 'The park list is wrong.\r\nPlease add the Kuantan park.';
    const returned = renderNotification('en', facts('pairing_returned', { reason }));
    expect(returned.subject).toBe(
      'Pairing returned: CN-MY-TCTP China-Malaysia Two Countries Twin Parks, round 2',
    );
    expect(returned.body).toContain(
      'Reason: The park list is wrong.\nPlease add the Kuantan park.',
    );
    expect(returned.body).toContain('decided by Aminah Binti Ali, Malaysia');
    const rejected = renderNotification('zh', facts('pairing_rejected', { reason: '不符合条件' }));
    expect(rejected.body).toContain('理由：不符合条件');
    expect(rejected.body).toContain('马来西亚 Aminah Binti Ali');
  });

  it('falls back to the English names when there is no Chinese one', () => {
    const zh = renderNotification(
      'zh',
      facts('pairing_approved', {
        pairing: { code: 'CN-ID-TCTP', name: 'China-Indonesia Twin Parks', nameZh: null },
        country: { name: 'Indonesia', nameZh: null },
      }),
    );
    expect(zh.subject).toBe('结对已批准：CN-ID-TCTP China-Indonesia Twin Parks（第 2 轮）');
    expect(zh.body).toContain('Indonesia Aminah Binti Ali');
  });

  it('keeps the subject on one line whatever the names hold', () => {
    const rendered = renderNotification(
      'en',
      facts('review_awaiting', {
        pairing: { code: 'X-1', name: 'Evil\r\nBcc: victim@example.org', nameZh: null },
      }),
    );
    expect(rendered.subject).not.toMatch(/[\r\n]/);
    expect(rendered.subject).toContain('Evil Bcc: victim@example.org');
  });
});

describe('notification mail', () => {
  const url = 'https://registry.example.gov/pairings/6f1c0c84-3f5c-4a39-9d36-5a4f4a3c1b11';

  it('carries the subject, the body and the absolute link in text and HTML', () => {
    const notification = renderNotification('en', facts('pairing_returned', { reason: 'Fix it.' }));
    const mail = renderNotificationMail({
      language: 'en',
      recipientName: 'Lim Wei',
      notification,
      url,
      alwaysEmailed: false,
    });
    expect(mail.subject).toBe(notification.subject);
    expect(mail.text).toContain('Hello Lim Wei,');
    expect(mail.text).toContain('Reason: Fix it.');
    expect(mail.text).toContain(`Open it in the registry: ${url}`);
    expect(mail.text).toContain('daily digest');
    expect(mail.html).toContain(`<a href="${url}">Open it in the registry</a>`);
    expect(mail.html).toContain('<html lang="en">');
  });

  it('escapes everything in the HTML part', () => {
    const notification = renderNotification(
      'en',
      facts('pairing_rejected', {
        pairing: { code: 'CN-MY', name: '<script>alert("x")</script>', nameZh: null },
        reason: 'Use <b>bold</b> & "quotes"\nsecond line',
      }),
    );
    const mail = renderNotificationMail({
      language: 'en',
      recipientName: '<img src=x onerror=alert(1)>',
      notification,
      url: 'https://x.example/pairings/1?a="b"&c=<d>',
      alwaysEmailed: false,
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain(
      'Use &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;<br>second line',
    );
    expect(mail.html).toContain(
      'href="https://x.example/pairings/1?a=&quot;b&quot;&amp;c=&lt;d&gt;"',
    );
    expect(mail.text).toContain('<script>alert("x")</script>');
  });

  it('is in Chinese for Chinese readers and says escalations are always emailed', () => {
    const mail = renderNotificationMail({
      language: 'zh',
      recipientName: '王芳',
      notification: renderNotification('zh', facts('review_escalated')),
      url,
      alwaysEmailed: true,
    });
    expect(mail.subject).toBe('审核已升级：CN-MY-TCTP 中马两国双园（第 2 轮）');
    expect(mail.text).toContain('王芳，您好：');
    expect(mail.text).toContain(`在登记系统中查看：${url}`);
    expect(mail.text).toContain('总是立即以邮件发送');
    expect(mail.html).toContain('<html lang="zh-Hans">');
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('digest mail', () => {
  const items = [
    {
      subject: 'Review awaiting: CN-MY-TCTP, round 1',
      body: 'Pairing CN-MY-TCTP awaits <Malaysia>’s review.',
      url: 'https://r.example/pairings/a',
      when: '2026-03-02 09:15',
    },
    {
      subject: 'Pairing returned: CN-VN, round 3',
      body: 'Returned.\nReason: dates',
      url: 'https://r.example/pairings/b',
      when: '2026-03-02 14:40',
    },
  ];

  it('lists every notification with its link, in the reader’s language', () => {
    const en = renderDigestMail({
      language: 'en',
      recipientName: 'Lim Wei',
      localDate: '2026-03-03',
      items,
      notListed: 0,
      registryUrl: 'https://r.example',
    });
    expect(en.subject).toBe('Twin-park registry: 2 notifications (2026-03-03)');
    expect(en.text).toContain('1. Review awaiting: CN-MY-TCTP, round 1 (2026-03-02 09:15)');
    expect(en.text).toContain('   Returned.\n   Reason: dates\n   https://r.example/pairings/b');
    expect(en.html).toContain('&lt;Malaysia&gt;');
    expect(en.html).toContain('Returned.<br>Reason: dates');
    expect(en.html).toContain('<a href="https://r.example/pairings/a">');

    const zh = renderDigestMail({
      language: 'zh',
      recipientName: '王芳',
      localDate: '2026-03-03',
      items,
      notListed: 3,
      registryUrl: 'https://r.example',
    });
    expect(zh.subject).toBe('两国双园投资登记系统：2026-03-03 的 5 条通知');
    expect(zh.text).toContain('另有 3 条通知');
    expect(zh.text).toContain('https://r.example');
  });
});
