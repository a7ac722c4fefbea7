import type { ImportedProject, ImportResult } from '../import.service';

export class ImportedProjectDto implements ImportedProject {
  /** Line of the file. */
  row!: number;
  id!: string;
  ref!: string;
  /** `created`: a row without a ref; `updated`: a row with a ref that changed its project. */
  action!: 'created' | 'updated';
}

export class ImportResultDto implements ImportResult {
  /** `true`: the file was checked only; the counts say what the import would do. */
  dryRun!: boolean;
  rows!: number;
  /** Rows without a ref: projects created (in a dry run: that would be). */
  projectsCreated!: number;
  /** Rows with a ref that changed their project (in a dry run: that would). */
  projectsUpdated!: number;
  /** Rows with a ref equal to their project: nothing written for them. */
  projectsUnchanged!: number;
  /** Investors named in the file but not registered, created from name, country and type. */
  investorsCreated!: number;
  /** The projects created or updated, in file order (empty in a dry run). */
  projects!: ImportedProjectDto[];
}
