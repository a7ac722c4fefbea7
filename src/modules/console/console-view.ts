import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type {} from '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WriteContext } from '../../database/audited-transactions';
import type { AuthenticatedRequest } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { mayUse } from '../auth/console-access';
import { AuditController } from '../audit/audit.controller';
import { ImportController } from '../projects/import/import.controller';
import { UsersController } from '../users/users.controller';
import { CSRF_FIELD } from './console-http';
import { LOCALE_COOKIE, type LocaleText, localeFor, localeText } from './i18n/locale';
import type { MessageKey } from './i18n/messages-en';
import { reasonField } from './form-input';
import { type DeskBadgeCounts, deskBadgesOf, hasReviewQueue } from './desk/desk-badges';

interface NavItem {
  readonly href: string;
  readonly label: string;
  readonly current: boolean;
  /** A count beside the label (unread, due), with the words a screen reader says for it. */
  readonly badge: { readonly count: string; readonly label: string } | null;
}

/** Messages a redirect may ask the next page to show (?flash=…), never free text. */
const FLASHES: Readonly<Record<string, MessageKey>> = {
  saved: 'common.saved',
  created: 'common.created',
  decided: 'pairings.decided',
  submitted: 'pairings.submitted',
  reverted: 'history.reverted',
  signedOut: 'signIn.signedOut',
  ended: 'signIn.ended',
  read: 'inbox.markedRead',
  allRead: 'inbox.allMarkedRead',
  attached: 'documents.attached',
  documentArchived: 'documents.archived',
  published: 'publisher.published',
  unchanged: 'publisher.unchanged',
};

export function localeOf(request: FastifyRequest): LocaleText {
  const header = request.headers['accept-language'];
  return localeText(localeFor(request.cookies[LOCALE_COOKIE], header));
}

export function actorOf(request: FastifyRequest): Actor {
  const actor = (request as AuthenticatedRequest).actor;
  if (!actor) throw new Error('console page without an authenticated actor');
  return actor;
}

/** The audit context of a console form: the signed-in user, this request, the typed reason. */
export function formContext(request: FastifyRequest, form: Record<string, unknown>): WriteContext {
  return {
    actor: actorOf(request).userId,
    requestId: String(request.id),
    reason: reasonField(form),
  };
}

function navFor(
  actor: Actor | null,
  path: string,
  text: LocaleText,
  badges: DeskBadgeCounts | null,
): NavItem[] {
  if (!actor) return [];
  const badge = (count: number | undefined, key: MessageKey): NavItem['badge'] =>
    count ? { count: text.number(count), label: text.t(key, { count: text.number(count) }) } : null;
  const items: [string, MessageKey, boolean, NavItem['badge']][] = [
    ['/', 'nav.dashboard', true, null],
    ['/parks', 'nav.parks', true, null],
    ['/pairings', 'nav.pairings', true, null],
    [
      '/reviews',
      'nav.reviews',
      hasReviewQueue(actor),
      badge(badges?.attention, 'nav.reviewsBadge'),
    ],
    ['/investors', 'nav.investors', true, null],
    ['/projects', 'nav.projects', true, null],
    ['/projects/import', 'nav.import', mayUse(actor, ImportController, 'import'), null],
    ['/map', 'nav.map', true, null],
    ['/open', 'nav.openData', true, null],
    ['/reports', 'nav.reports', true, null],
    ['/audit', 'nav.audit', mayUse(actor, AuditController, 'listChanges'), null],
    ['/users', 'nav.users', mayUse(actor, UsersController, 'list'), null],
    ['/notifications', 'nav.inbox', true, badge(badges?.unread, 'nav.inboxBadge')],
  ];
  const section = (href: string): boolean =>
    href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
  // The longest matching entry is current (Import, not Projects, on /projects/import).
  const current = items
    .filter(([href, , shown]) => shown && section(href))
    .sort((a, b) => b[0].length - a[0].length)[0]?.[0];
  return items
    .filter(([, , shown]) => shown)
    .map(([href, key, , count]) => ({
      href,
      label: text.t(key),
      current: href === current,
      badge: count,
    }));
}

/** Renders a console page inside the layout, with what every page needs. */
export async function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  view: string,
  data: Record<string, unknown>,
  status = 200,
  /** A public page may be cached (with its own validators); the console's never are. */
  cacheControl = 'no-store',
): Promise<void> {
  const text = localeOf(request);
  const actor = (request as AuthenticatedRequest).actor ?? null;
  const path = request.url.split('?')[0];
  const flashKey = (request.query as Record<string, unknown> | undefined)?.flash;
  const flash =
    typeof flashKey === 'string' && flashKey in FLASHES ? text.t(FLASHES[flashKey]) : null;
  const badges = actor ? await deskBadgesOf(request) : null;
  const html = await reply.viewAsync(view, {
    ...data,
    i18n: text,
    t: text.t,
    actor,
    path,
    url: request.url,
    flash,
    nav: navFor(actor, path, text, badges),
    csrfField: CSRF_FIELD,
    csrf: reply.generateCsrf(),
    errors: data.errors ?? {},
  });
  await reply
    .status(status)
    .header('cache-control', cacheControl)
    // The server's own time for the page, for browsers' dev tools and the browser tests' budget.
    .header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`)
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Post/redirect/get: after a form, the browser loads the result page with a GET. */
export async function redirectTo(reply: FastifyReply, location: string): Promise<void> {
  await reply.redirect(location, 303);
}
