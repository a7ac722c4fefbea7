import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeDto, ChangePageDto } from '../audit/dto/change.dto';
import type { ConsoleQueries } from './console-queries';
import { renderPage } from './console-view';

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
  },
): Promise<void> {
  const names = await options.queries.actorNames(options.history.items.map((c) => c.actor));
  const changes = options.history.items.map((change) => ({
    ...change,
    who: names.get(change.actor) ?? change.actor,
    diff: diffOf(change),
  }));
  const facts = options.asOfRecord
    ? Object.entries(options.asOfRecord)
        .filter(([key]) => key !== 'id')
        .map(([key, value]) => ({ key, value: show(value) }))
    : null;
  await renderPage(request, reply, 'history', {
    recordName: options.recordName,
    recordHref: options.recordHref,
    changes,
    nextCursor: options.history.nextCursor,
    asOf: options.asOf ?? null,
    asOfInput: options.asOf ? options.asOf.slice(0, 19) : '',
    facts,
  });
}
