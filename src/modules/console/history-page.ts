import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ChangeDto, type ChangePageDto, HistoryQueryDto } from '../audit/dto/change.dto';
import { DomainError } from '../../common/errors/domain-error';
import { type FieldErrors, fieldErrorsOf, postedForm, textField, validateAs } from './form-input';
import { RevertDto } from '../audit/dto/record-history.dto';
import { requireReason } from '../audit/record-history';
import type { WriteContext } from '../../database/audited-transactions';
import type { ConsoleQueries } from './console-queries';
import { formContext, redirectTo, renderPage } from './console-view';

/** Audit columns every row carries; the diff leaves them out (they change with every edit). */
const BOOKKEEPING = new Set(['version', 'updated_at', 'created_at']);

interface FieldDiff {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The fields a change touched, before and after, as text. */
export function diffOf(change: ChangeDto): FieldDiff[] {
  const fields =
    change.op === 'update'
      ? change.changed
      : Object.keys(change.after ?? change.before ?? {}).filter((key) => key !== 'id');
  return fields
    .filter((field) => !BOOKKEEPING.has(field))
    .map((field) => ({
      field,
      before: show(change.before?.[field]),
      after: show(change.after?.[field]),
    }));
}

/** A change of one of the record's documents: which one, to link its page from the history. */
export function documentOf(change: ChangeDto): { href: string; title: string } | null {
  if (change.table !== 'document') return null;
  const title = show(change.after?.title ?? change.before?.title);
  return { href: `/documents/${change.entityId}`, title };
}

/** A valid instant for ?asOf= (from a datetime-local input, read as UTC), else undefined. */
export function asOfParam(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = /Z|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

/**
 * One page for every record's history: who changed what, when and why, field by field, and the
 * record as it was at a chosen instant (the API's `?asOf=` read).
 */
export async function renderHistory(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    readonly queries: ConsoleQueries;
    readonly recordName: string;
    readonly recordHref: string;
    readonly history: ChangePageDto;
    readonly asOf?: string;
    readonly asOfRecord?: object | null;
    /** Whether the reader may undo a change (the API's revert policy for this record). */
    readonly canRevert?: boolean;
    readonly errors?: FieldErrors;
    readonly status?: number;
  },
): Promise<void> {
  const names = await options.queries.actorNames(options.history.items.map((c) => c.actor));
  const changes = options.history.items.map((change) => ({
    ...change,
    who: names.get(change.actor) ?? change.actor,
    diff: diffOf(change),
    document: documentOf(change),
  }));
  const facts = options.asOfRecord
    ? Object.entries(options.asOfRecord)
        .filter(([key]) => key !== 'id')
        .map(([key, value]) => ({ key, value: show(value) }))
    : null;
  await renderPage(
    request,
    reply,
    'history',
    {
      recordName: options.recordName,
      recordHref: options.recordHref,
      changes,
      nextCursor: options.history.nextCursor,
      asOf: options.asOf ?? null,
      asOfInput: options.asOf ? options.asOf.slice(0, 19) : '',
      facts,
      canRevert: options.canRevert ?? false,
      errors: options.errors ?? {},
    },
    options.status ?? 200,
  );
}

/** Newest first, one page: what a history page shows, and enough to explain a stale edit. */
export async function historyQuery(cursor?: unknown): Promise<HistoryQueryDto> {
  const input = {
    sort: '-at',
    limit: 100,
    ...(typeof cursor === 'string' && cursor ? { cursor } : {}),
  };
  const query = await validateAs(HistoryQueryDto, input);
  if (query.errors) {
    throw new DomainError('invalid', 'VALIDATION_FAILED', 'The cursor is not valid.', {
      errors: [{ path: 'cursor', message: 'must be a nextCursor value from this list' }],
    });
  }
  return query.value;
}

/**
 * A record's history page from its service: the change page at ?cursor=, and the record as it
 * was at ?asOf= (the same reads as GET …/history and GET …?asOf= in the API).
 */
/** What every record service offers its history page: the API's get (with as-of) and history. */
export interface RecordWithHistory<T> {
  get(id: string, asOf?: string): Promise<T>;
  history(id: string, query: HistoryQueryDto): Promise<ChangePageDto>;
}

/** One record's history page: which record, how to name it, who may undo its changes. */
export interface HistorySource<T> {
  readonly service: RecordWithHistory<T>;
  readonly id: string;
  /** The record's page, e.g. `/parks/<id>`; its history is `<path>/history`. */
  readonly path: string;
  readonly name: (record: T) => string;
  /** The API's revert policy and country rule, asked of the record as it is now. */
  readonly canRevert: (record: T) => boolean;
}

export async function renderRecordHistory<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  queries: ConsoleQueries,
  source: HistorySource<T>,
  refusal: { readonly errors: FieldErrors; readonly status: number } | null = null,
): Promise<void> {
  const params = (request.query ?? {}) as Record<string, unknown>;
  const asOf = asOfParam(params.asOf);
  const { service, id } = source;
  const current = await service.get(id);
  const [history, asOfRecord] = await Promise.all([
    service.history(id, await historyQuery(params.cursor)),
    asOf ? service.get(id, asOf).catch(() => null) : Promise.resolve(null),
  ]);
  await renderHistory(request, reply, {
    queries,
    recordName: source.name(current),
    recordHref: source.path,
    history,
    asOf,
    asOfRecord,
    canRevert: source.canRevert(current),
    errors: refusal?.errors,
    status: refusal?.status,
  });
}

/**
 * Undo one change from the history page: the API's revert (a new change, with the reason the
 * reader typed), then back to the history; a refusal (no reason, a change that cannot be undone
 * alone) is shown on the history page itself.
 */
export async function revertFromHistory<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  queries: ConsoleQueries,
  source: HistorySource<T>,
  revert: (changeId: string, context: WriteContext) => Promise<unknown>,
): Promise<void> {
  const form = postedForm(request);
  const input = await validateAs(RevertDto, { changeId: textField(form, 'changeId') });
  try {
    if (input.errors) {
      throw new DomainError('invalid', 'VALIDATION_FAILED', 'Choose a change to undo.', {
        errors: Object.entries(input.errors).map(([path, message]) => ({ path, message })),
      });
    }
    await revert(input.value.changeId, requireReason(formContext(request, form)));
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind === 'forbidden') throw error;
    const errors = fieldErrorsOf(error);
    const status =
      error.kind === 'invalid' ? 400 : error.kind === 'precondition_required' ? 428 : 409;
    await renderRecordHistory(request, reply, queries, source, { errors, status });
    return;
  }
  await redirectTo(reply, `${source.path}/history?flash=reverted`);
}
