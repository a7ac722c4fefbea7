import { IsBoolean, IsOptional } from 'class-validator';
import { QueryBoolean } from '../../../../common/validation/transforms';

/** In a `.dto.ts` file so the swagger CLI plugin documents `dryRun`. */
export class ImportQueryDto {
  /** `true`: check the file and report, write nothing. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  dryRun?: boolean;
}
