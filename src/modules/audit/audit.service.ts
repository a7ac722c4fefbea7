import type { Readable } from 'node:stream';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PeriodicJob } from '../../common/jobs/periodic-job';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { AuditRepository, type ChangeFilter, type LinkTable } from './audit.repository';
import { DocumentIntegrity } from '../documents/storage/document-integrity';
import { changesCsv } from './change-csv';
import { toChangeDto } from './change-response';
import type { ChangePageDto, HistoryQueryDto, ListChangesQueryDto } from './dto/change.dto';
import {
  type ListSealsQueryDto,
  type SealNowResultDto,
  type SealPageDto,
  toSealDto,
  type VerifyResultDto,
} from './dto/audit.dto';

function changeFilter(query: ListChangesQueryDto): ChangeFilter {
  const { table, entityId, actor, requestId, op, from, to } = query;
  return { table, entityId, actor, requestId, op, from, to };
}

/** Rows per query when exporting: big enough to amortise the round trip, small in memory. */
const EXPORT_BATCH = 1000;

@Injectable()
export class AuditService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditService.name);
  private job: PeriodicJob | undefined;

  constructor(
    private readonly audit: AuditRepository,
    private readonly documentFiles: DocumentIntegrity,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The sealing job: every AUDIT_SEAL_INTERVAL_SECONDS (0 turns it off). */
  onApplicationBootstrap(): void {
    const intervalMs = this.config.audit.sealIntervalSeconds * 1000;
    this.job = new PeriodicJob('Sealing', intervalMs, () => this.sealNow(), this.logger).start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
  }

  async sealNow(): Promise<SealNowResultDto> {
    const seal = await this.audit.sealNow();
    return { seal: seal ? toSealDto(seal) : null };
  }

  async listSeals(query: ListSealsQueryDto): Promise<SealPageDto> {
    const rows = await this.audit.listSeals(query.limit + 1, query.cursor ?? null);
    const items = rows.slice(0, query.limit).map(toSealDto);
    return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
  }

  /**
   * Recomputes every change digest and the seal chain (reporting the first mismatch found), and
   * re-hashes every document file against the SHA-256 its audited row carries.
   */
  async verify(): Promise<VerifyResultDto> {
    const [checked, seals, digest, chain, files] = await Promise.all([
      this.audit.countChanges(),
      this.audit.countSeals(),
      this.audit.firstDigestMismatch(),
      this.audit.firstSealMismatch(),
      this.documentFiles.verify(),
    ]);
    const firstMismatch = digest ?? chain;
    if (firstMismatch) this.logger.error(`Audit verification failed: ${firstMismatch.reason}`);
    const documents = { ok: files.faults.length === 0, ...files };
    for (const fault of files.faults.slice(0, 5)) {
      this.logger.error(
        `Document file ${fault.sha256} is ${fault.problem} (documents ${fault.documentIds.join(', ')})`,
      );
    }
    return { ok: firstMismatch === null && documents.ok, checked, seals, firstMismatch, documents };
  }

  /** The filterable change log, newest first unless `sort=at`. */
  async listChanges(query: ListChangesQueryDto): Promise<ChangePageDto> {
    return this.page(changeFilter(query), query);
  }

  /** Every change matching the filters, as CSV, read in keyset batches as the client takes them. */
  exportChanges(query: ListChangesQueryDto): Readable {
    const filter = changeFilter(query);
    const descending = (query.sort ?? '-at') === '-at';
    const audit = this.audit;
    async function* pages() {
      let afterId: string | null = null;
      for (;;) {
        const rows = await audit.listChanges(filter, afterId, descending, EXPORT_BATCH);
        if (rows.length === 0) return;
        yield rows.map(toChangeDto);
        if (rows.length < EXPORT_BATCH) return;
        afterId = rows[rows.length - 1].id;
      }
    }
    return changesCsv(pages());
  }

  /** The history of one record, with the changes of its link rows when `links` are given. */
  history(
    table: string,
    entityId: string,
    query: HistoryQueryDto,
    links: readonly LinkTable[] = [],
  ): Promise<ChangePageDto> {
    return this.page({ table, entityId, links }, query);
  }

  private async page(filter: ChangeFilter, query: HistoryQueryDto): Promise<ChangePageDto> {
    const sort = query.sort ?? '-at';
    const descending = sort === '-at';
    const afterId = query.cursor ? String(decodeCursor(query.cursor, sort, 1)[0]) : null;
    const rows = await this.audit.listChanges(filter, afterId, descending, query.limit + 1);
    const items = rows.slice(0, query.limit).map(toChangeDto);
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeCursor(sort, [last.id]) : null,
    };
  }
}
