import { escapeMarkup } from '../../common/text/escape-markup';
import type { NotificationKind, NotificationLanguage } from './notification-kinds';

/**
 * The words of every notification, in English and Simplified Chinese. Pure functions: the
 * Notifier and the digest job gather the facts, these say them. Plain text is the source; the
 * HTML part is the same text escaped, so nothing a user typed (a pairing name, a reason) can
 * become markup in someone's mail client.
 */

export interface NamedThing {
  readonly name: string;
  readonly nameZh: string | null;
}

/** The facts a notification states; names are chosen per language here. */
export interface NotificationFacts {
  readonly kind: NotificationKind;
  readonly pairing: NamedThing & { readonly code: string };
  readonly round: number;
  readonly country: NamedThing;
  readonly dueOn: string | null;
  readonly workingDaysWaiting: number | null;
  readonly reason: string | null;
  readonly decidedByName: string | null;
}

export interface RenderedNotification {
  readonly subject: string;
  /** Plain text, possibly several lines (the reason of a return keeps its line breaks). */
  readonly body: string;
}

export interface MailParts {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Text that goes inside a sentence or a subject: one line, no surrounding space. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Text of its own paragraph (a reason): trimmed, line breaks kept, no control characters. */
function paragraph(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .trim()
  );
}

function nameIn(language: NotificationLanguage, thing: NamedThing): string {
  return oneLine((language === 'zh' ? thing.nameZh : null) || thing.name);
}

interface Words {
  readonly pairing: string;
  readonly country: string;
  readonly code: string;
  readonly round: number;
  readonly dueOn: string | null;
  readonly waiting: number | null;
  readonly reason: string | null;
  readonly decider: string | null;
}

type Template = (w: Words) => RenderedNotification;

const workingDaysEn = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

function lines(...parts: (string | null | false)[]): string {
  return parts.filter((part): part is string => Boolean(part)).join('\n');
}

const EN: Record<NotificationKind, Template> = {
  review_awaiting: (w) => ({
    subject: `Review awaiting: ${w.code} ${w.pairing}, round ${w.round}`,
    body:
      `Pairing ${w.code} “${w.pairing}” awaits ${w.country}’s review (round ${w.round}).` +
      (w.dueOn ? ` The review is due on ${w.dueOn}.` : ''),
  }),
  review_due_soon: (w) => ({
    subject: `Review due soon: ${w.code} ${w.pairing}, round ${w.round}${w.dueOn ? `, due ${w.dueOn}` : ''}`,
    body:
      `${w.country}’s review of pairing ${w.code} “${w.pairing}” (round ${w.round}) is due` +
      (w.dueOn ? ` on ${w.dueOn}.` : ' soon.') +
      (w.waiting !== null ? ` It has waited ${workingDaysEn(w.waiting)}.` : ''),
  }),
  review_due: (w) => ({
    subject: `Review due today: ${w.code} ${w.pairing}, round ${w.round}`,
    body:
      `${w.country}’s review of pairing ${w.code} “${w.pairing}” (round ${w.round}) is due today` +
      (w.dueOn ? ` (${w.dueOn}).` : '.') +
      (w.waiting !== null ? ` It has waited ${workingDaysEn(w.waiting)}.` : ''),
  }),
  review_overdue: (w) => ({
    subject: `Review overdue: ${w.code} ${w.pairing}, round ${w.round}`,
    body:
      `${w.country}’s review of pairing ${w.code} “${w.pairing}” (round ${w.round}) was due` +
      (w.dueOn ? ` on ${w.dueOn}` : '') +
      ` and still awaits a decision.` +
      (w.waiting !== null ? ` It has waited ${workingDaysEn(w.waiting)}.` : ''),
  }),
  review_escalated: (w) => ({
    subject: `Review escalated: ${w.code} ${w.pairing}, round ${w.round}`,
    body:
      `${w.country}’s review of pairing ${w.code} “${w.pairing}” (round ${w.round}) was due` +
      (w.dueOn ? ` on ${w.dueOn}` : '') +
      ` and still has no decision` +
      (w.waiting !== null ? ` after ${workingDaysEn(w.waiting)}` : '') +
      `, so it is escalated to ${w.country}’s administrators. ` +
      `Nothing is decided automatically: a reviewer must decide.`,
  }),
  pairing_approved: (w) => ({
    subject: `Pairing approved: ${w.code} ${w.pairing}, round ${w.round}`,
    body: `Pairing ${w.code} “${w.pairing}” was approved in review round ${w.round} (decided by ${decidedByEn(w)}).`,
  }),
  pairing_returned: (w) => ({
    subject: `Pairing returned: ${w.code} ${w.pairing}, round ${w.round}`,
    body: lines(
      `Pairing ${w.code} “${w.pairing}” was returned for changes in review round ${w.round} (decided by ${decidedByEn(w)}).`,
      w.reason && `Reason: ${w.reason}`,
      'Change the pairing and submit it again for a new round.',
    ),
  }),
  pairing_rejected: (w) => ({
    subject: `Pairing rejected: ${w.code} ${w.pairing}, round ${w.round}`,
    body: lines(
      `Pairing ${w.code} “${w.pairing}” was rejected in review round ${w.round} (decided by ${decidedByEn(w)}).`,
      w.reason && `Reason: ${w.reason}`,
    ),
  }),
};

function decidedByEn(w: Words): string {
  return w.decider ? `${w.decider}, ${w.country}` : w.country;
}

function decidedByZh(w: Words): string {
  return w.decider ? `${w.country} ${w.decider}` : w.country;
}

const waitedZh = (w: Words) => (w.waiting !== null ? `已等待 ${w.waiting} 个工作日。` : '');

const ZH: Record<NotificationKind, Template> = {
  review_awaiting: (w) => ({
    subject: `待审核：${w.code} ${w.pairing}（第 ${w.round} 轮）`,
    body:
      `结对 ${w.code}「${w.pairing}」第 ${w.round} 轮等待${w.country}审核。` +
      (w.dueOn ? `审核截止日期为 ${w.dueOn}。` : ''),
  }),
  review_due_soon: (w) => ({
    subject: `审核即将到期：${w.code} ${w.pairing}（第 ${w.round} 轮${w.dueOn ? `，${w.dueOn} 到期` : ''}）`,
    body:
      `${w.country}对结对 ${w.code}「${w.pairing}」第 ${w.round} 轮的审核` +
      (w.dueOn ? `将于 ${w.dueOn} 到期。` : '即将到期。') +
      waitedZh(w),
  }),
  review_due: (w) => ({
    subject: `审核今日到期：${w.code} ${w.pairing}（第 ${w.round} 轮）`,
    body:
      `${w.country}对结对 ${w.code}「${w.pairing}」第 ${w.round} 轮的审核今日` +
      (w.dueOn ? `（${w.dueOn}）` : '') +
      `到期。` +
      waitedZh(w),
  }),
  review_overdue: (w) => ({
    subject: `审核已逾期：${w.code} ${w.pairing}（第 ${w.round} 轮）`,
    body:
      `${w.country}对结对 ${w.code}「${w.pairing}」第 ${w.round} 轮的审核` +
      (w.dueOn ? `已于 ${w.dueOn} 到期` : '已逾期') +
      `，尚未作出决定。` +
      waitedZh(w),
  }),
  review_escalated: (w) => ({
    subject: `审核已升级：${w.code} ${w.pairing}（第 ${w.round} 轮）`,
    body:
      `${w.country}对结对 ${w.code}「${w.pairing}」第 ${w.round} 轮的审核` +
      (w.dueOn ? `已于 ${w.dueOn} 到期` : '已逾期') +
      `，` +
      (w.waiting !== null ? `等待 ${w.waiting} 个工作日后` : '') +
      `仍未作出决定，现提请${w.country}的管理员跟进。系统不会自动作出决定，须由审核人决定。`,
  }),
  pairing_approved: (w) => ({
    subject: `结对已批准：${w.code} ${w.pairing}（第 ${w.round} 轮）`,
    body: `结对 ${w.code}「${w.pairing}」在第 ${w.round} 轮审核中获得批准（决定人：${decidedByZh(w)}）。`,
  }),
  pairing_returned: (w) => ({
    subject: `结对已退回修改：${w.code} ${w.pairing}（第 ${w.round} 轮）`,
    body: lines(
      `结对 ${w.code}「${w.pairing}」在第 ${w.round} 轮审核中被退回修改（决定人：${decidedByZh(w)}）。`,
      w.reason && `理由：${w.reason}`,
      '请修改后重新提交审核。',
    ),
  }),
  pairing_rejected: (w) => ({
    subject: `结对已驳回：${w.code} ${w.pairing}（第 ${w.round} 轮）`,
    body: lines(
      `结对 ${w.code}「${w.pairing}」在第 ${w.round} 轮审核中被驳回（决定人：${decidedByZh(w)}）。`,
      w.reason && `理由：${w.reason}`,
    ),
  }),
};

/** Subject and body of one notification, in the recipient's language. */
export function renderNotification(
  language: NotificationLanguage,
  facts: NotificationFacts,
): RenderedNotification {
  const reason = facts.reason ? paragraph(facts.reason) : '';
  const words: Words = {
    pairing: nameIn(language, facts.pairing),
    country: nameIn(language, facts.country),
    code: oneLine(facts.pairing.code),
    round: facts.round,
    dueOn: facts.dueOn ?? null,
    waiting: facts.workingDaysWaiting ?? null,
    reason: reason || null,
    decider: facts.decidedByName ? oneLine(facts.decidedByName) || null : null,
  };
  return (language === 'zh' ? ZH : EN)[facts.kind](words);
}

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = escapeMarkup;

const MAIL_WORDS = {
  en: {
    hello: (name: string) => `Hello ${name},`,
    open: 'Open it in the registry',
    openLine: (url: string) => `Open it in the registry: ${url}`,
    signed: (text: string) => `Twin-park registry. ${text}`,
    footer:
      'You can choose immediate email, a daily digest or no email in your notification settings.',
    footerAlways: 'Escalations are always emailed at once, whatever your notification settings.',
    digestSubject: (count: number, date: string) =>
      `Twin-park registry: ${count} ${count === 1 ? 'notification' : 'notifications'} (${date})`,
    digestIntro: (count: number) =>
      `Your daily digest: ${count} ${count === 1 ? 'notification' : 'notifications'} since the last one.`,
    digestMore: (count: number, url: string) =>
      `${count} more in your inbox in the registry: ${url}`,
    digestFooter:
      'You chose a daily digest; you can choose immediate email or no email in your notification settings.',
  },
  zh: {
    hello: (name: string) => `${name}，您好：`,
    open: '在登记系统中查看',
    openLine: (url: string) => `在登记系统中查看：${url}`,
    signed: (text: string) => `两国双园投资登记系统。${text}`,
    footer: '您可在通知设置中选择即时邮件、每日摘要或不发邮件。',
    footerAlways: '审核升级通知总是立即以邮件发送，不受通知设置影响。',
    digestSubject: (count: number, date: string) =>
      `两国双园投资登记系统：${date} 的 ${count} 条通知`,
    digestIntro: (count: number) => `您的每日摘要：自上次摘要以来共有 ${count} 条通知。`,
    digestMore: (count: number, url: string) =>
      `另有 ${count} 条通知，请在登记系统的收件箱中查看：${url}`,
    digestFooter: '您选择了每日摘要；可在通知设置中改为即时邮件或不发邮件。',
  },
} as const;

function htmlParagraph(text: string): string {
  return `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
}

function htmlLink(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

function htmlDocument(language: NotificationLanguage, subject: string, content: string): string {
  return (
    `<!doctype html><html lang="${language === 'zh' ? 'zh-Hans' : 'en'}"><head>` +
    `<meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family: sans-serif; line-height: 1.5">${content}</body></html>`
  );
}

function footerHtml(text: string): string {
  return `<p style="color: #555; font-size: 0.9em">${escapeHtml(text)}</p>`;
}

export interface NotificationMailInput {
  readonly language: NotificationLanguage;
  readonly recipientName: string;
  readonly notification: RenderedNotification;
  /** Absolute link to the record. */
  readonly url: string;
  /** Sent whatever the recipient's settings (escalations): the footer says so. */
  readonly alwaysEmailed: boolean;
}

/** The email of one notification: its subject, the body and the link, in text and HTML. */
export function renderNotificationMail(input: NotificationMailInput): MailParts {
  const words = MAIL_WORDS[input.language];
  const hello = words.hello(oneLine(input.recipientName));
  const footer = words.signed(input.alwaysEmailed ? words.footerAlways : words.footer);
  const { subject, body } = input.notification;
  const text = [hello, '', body, '', words.openLine(input.url), '', '--', footer, ''].join('\n');
  const html = htmlDocument(
    input.language,
    subject,
    htmlParagraph(hello) +
      htmlParagraph(body) +
      `<p>${htmlLink(input.url, words.open)}</p>` +
      footerHtml(footer),
  );
  return { subject, text, html };
}

export interface DigestItem {
  readonly subject: string;
  readonly body: string;
  readonly url: string;
  /** When it happened, already written in the recipient's local time. */
  readonly when: string;
}

export interface DigestMailInput {
  readonly language: NotificationLanguage;
  readonly recipientName: string;
  /** The recipient's local date of the digest (YYYY-MM-DD). */
  readonly localDate: string;
  readonly items: readonly DigestItem[];
  /** Notifications covered by the digest but not listed in it (a very long day). */
  readonly notListed: number;
  /** Where the whole inbox is (the console). */
  readonly registryUrl: string;
}

/** One mail listing a day's notifications, for users who chose a daily digest. */
export function renderDigestMail(input: DigestMailInput): MailParts {
  const words = MAIL_WORDS[input.language];
  const total = input.items.length + input.notListed;
  const subject = words.digestSubject(total, input.localDate);
  const hello = words.hello(oneLine(input.recipientName));
  const footer = words.signed(words.digestFooter);
  const indent = (text: string) => text.replace(/\n/g, '\n   ');
  const textItems = input.items.map(
    (item, index) =>
      `${index + 1}. ${item.subject} (${item.when})\n   ${indent(item.body)}\n   ${item.url}`,
  );
  const more = input.notListed > 0 ? words.digestMore(input.notListed, input.registryUrl) : null;
  const text = [
    hello,
    '',
    words.digestIntro(total),
    '',
    ...textItems.flatMap((item) => [item, '']),
    ...(more ? [more, ''] : []),
    '--',
    footer,
    '',
  ].join('\n');
  const htmlItems = input.items
    .map(
      (item) =>
        `<li><p><strong>${escapeHtml(item.subject)}</strong> (${escapeHtml(item.when)})<br>` +
        `${escapeHtml(item.body).replace(/\n/g, '<br>')}<br>${htmlLink(item.url, words.open)}</p></li>`,
    )
    .join('');
  const html = htmlDocument(
    input.language,
    subject,
    htmlParagraph(hello) +
      htmlParagraph(words.digestIntro(total)) +
      `<ol>${htmlItems}</ol>` +
      (input.notListed > 0
        ? `<p>${escapeHtml(words.digestMore(input.notListed, input.registryUrl))}</p>`
        : '') +
      footerHtml(footer),
  );
  return { subject, text, html };
}
