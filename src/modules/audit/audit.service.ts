import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditRepository } from './audit.repository';
import {
  type ListSealsQueryDto,
  type SealNowResultDto,
  type SealPageDto,
  toSealDto,
  type VerifyResultDto,
} from './dto/audit.dto';

@Injectable()
export class AuditService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The sealing job: every AUDIT_SEAL_INTERVAL_SECONDS (0 turns it off). */
  onApplicationBootstrap(): void {
    const seconds = this.config.audit.sealIntervalSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => {
      this.sealNow().catch((error: unknown) =>
        this.logger.warn(`Sealing skipped: ${String(error)}`),
      );
    }, seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
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

  /** Recomputes every change digest and the seal chain; reports the first mismatch found. */
  async verify(): Promise<VerifyResultDto> {
    const [checked, seals, digest, chain] = await Promise.all([
      this.audit.countChanges(),
      this.audit.countSeals(),
      this.audit.firstDigestMismatch(),
      this.audit.firstSealMismatch(),
    ]);
    const firstMismatch = digest ?? chain;
    if (firstMismatch) this.logger.error(`Audit verification failed: ${firstMismatch.reason}`);
    return { ok: firstMismatch === null, checked, seals, firstMismatch };
  }
}
