import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PeriodicJob } from '../../common/jobs/periodic-job';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditedTransactions, systemContext } from '../../database/audited-transactions';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { DOCUMENT_STORE, type DocumentStore } from './storage/document-store';
import {
  ScannerUnavailableError,
  VIRUS_SCANNER,
  type VirusScanner,
} from './scanning/virus-scanner';

const SWEEP_BATCH = 500;
const SCAN_BATCH = 20;

/**
 * Keeps the store and the rows in step:
 * - at start, staged files a crash left behind are removed, then stored files no row refers to
 *   (a crash between a file's rename and its row's commit) are swept, each under its content
 *   lock so an upload in progress keeps its file;
 * - every DOCUMENT_SCAN_INTERVAL_SECONDS, documents left `pending` (clamd was unreachable) are
 *   scanned again. Two instances may scan one file twice; only the first result is written
 *   (the update requires `pending`), so a verdict is recorded once.
 */
@Injectable()
export class DocumentMaintenance implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DocumentMaintenance.name);
  private job: PeriodicJob | undefined;
  private startup: Promise<void> | undefined;

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly service: DocumentsService,
    private readonly transactions: AuditedTransactions,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(VIRUS_SCANNER) private readonly scanner: VirusScanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: a large store must not hold up the start.
    this.startup = this.tidyStore().then(
      () => undefined,
      (error: unknown) => this.logger.warn(`Document store tidy-up skipped: ${String(error)}`),
    );
    if (this.scanner.configured) {
      this.job = new PeriodicJob(
        'document rescan',
        this.config.documents.scanIntervalSeconds * 1000,
        () => this.rescanPending(),
        this.logger,
      ).start();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
    await this.startup;
  }

  /** Removes abandoned staged files and stored files no row refers to; how many of each. */
  async tidyStore(): Promise<{ staged: number; unreferenced: number }> {
    const staged = await this.store.clearAbandonedStaging();
    let unreferenced = 0;
    let batch: string[] = [];
    const flush = async () => {
      for (const sha256 of await this.documents.unreferenced(batch)) {
        if (await this.service.removeIfUnreferenced(sha256)) unreferenced += 1;
      }
      batch = [];
    };
    for await (const sha256 of this.store.list()) {
      batch.push(sha256);
      if (batch.length >= SWEEP_BATCH) await flush();
    }
    await flush();
    if (staged + unreferenced > 0) {
      this.logger.log(
        `Document store: removed ${staged} abandoned upload(s) and ${unreferenced} unreferenced file(s)`,
      );
    }
    return { staged, unreferenced };
  }

  /** Scans documents waiting for clamd; how many got a verdict. */
  async rescanPending(): Promise<number> {
    let decided = 0;
    const pending = await this.documents.pendingScans(SCAN_BATCH);
    for (const sha256 of new Set(pending.map((row) => row.sha256))) {
      const content = await this.store.open(sha256);
      if (!content) continue;
      try {
        const verdict = await this.scanner.scan(content);
        const scan = verdict.infected ? 'infected' : 'clean';
        await this.transactions.run(systemContext('document-scan'), (manager) =>
          this.documents.recordScan(manager, sha256, scan, verdict.signature),
        );
        if (verdict.infected) {
          this.logger.warn(
            `Document content ${sha256} is infected (${verdict.signature}); not served`,
          );
        }
        decided += 1;
      } catch (error) {
        content.destroy();
        if (error instanceof ScannerUnavailableError) break;
        throw error;
      }
    }
    return decided;
  }
}
