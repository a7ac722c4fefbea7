import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/jobs/clock';
import { invalidInput } from '../../common/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import type { Actor } from '../auth/actor';
import {
  type ListMailDeliveriesQueryDto,
  type MailDeliveryDto,
  type MailDeliveryPageDto,
  toMailDeliveryDto,
} from './dto/mail-delivery.dto';
import { mailAlreadyPending, mailDeliveryNotFound } from './mail.errors';
import { type DeliveryKey, MailOutboxRepository } from './mail-outbox.repository';

/** The cursor's sort name: the list has one order, newest first. */
const SORT = '-createdAt';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The row a cursor continues after; a forged one is a 400, not a database error. */
function cursorKey(cursor: string): DeliveryKey {
  const [createdAt, id] = decodeCursor(cursor, SORT, 2);
  const instant = typeof createdAt === 'string' && INSTANT.test(createdAt);
  // A real instant prints back the same (2026-02-30 would come back as March).
  if (
    !instant ||
    new Date(createdAt).toISOString().slice(0, 23) !== createdAt.slice(0, 23) ||
    typeof id !== 'string' ||
    !UUID.test(id)
  ) {
    throw invalidInput([{ path: 'cursor', message: 'not a cursor issued by this API' }]);
  }
  return { createdAt, id };
}

/** What admins see of the outbox, and sending a mail again. */
@Injectable()
export class MailDeliveriesService {
  private readonly logger = new Logger(MailDeliveriesService.name);

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly clock: Clock,
  ) {}

  async list(query: ListMailDeliveriesQueryDto): Promise<MailDeliveryPageDto> {
    const after = query.cursor ? cursorKey(query.cursor) : null;
    const rows = await this.outbox.listPage(query.status, query.limit, after);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map(toMailDeliveryDto),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor(SORT, [last.createdAtKey, last.id]) : null,
    };
  }

  /** A sent or failed mail is queued again with a fresh count of attempts. */
  async resend(id: string, actor: Actor): Promise<MailDeliveryDto> {
    const result = await this.outbox.requeue(id, this.clock.now());
    if (!result.requeued) {
      throw result.status === null ? mailDeliveryNotFound(id) : mailAlreadyPending(id);
    }
    // The outbox is not audited (infrastructure); the log says who asked for the resend.
    this.logger.log(`Mail ${id} queued again by ${actor.userId}`);
    return toMailDeliveryDto(result.row);
  }
}
