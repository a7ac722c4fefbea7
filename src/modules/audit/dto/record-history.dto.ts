import { IsISO8601, IsOptional, Matches } from 'class-validator';

/** `?asOf=`: read the record as it was at that instant (ISO 8601), rebuilt from the audit log. */
export class AsOfQueryDto {
  /** An instant such as `2026-01-31T12:00:00Z`; the record as it was then. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 timestamp' })
  asOf?: string;
}

export class RevertDto {
  /** The id of the change to undo (from the record's history). */
  @Matches(/^[1-9]\d{0,17}$/, { message: 'changeId must be a change id from the history' })
  changeId!: string;
}
