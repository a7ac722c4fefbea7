import { QueryFailedError } from 'typeorm';

/** A violated constraint, by its name, for repositories to turn into domain errors. */
export interface ConstraintViolation {
  readonly kind: 'unique' | 'foreign_key' | 'check' | 'not_null';
  readonly constraint: string;
}

const KINDS: Record<string, ConstraintViolation['kind']> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
};

export function constraintViolation(error: unknown): ConstraintViolation | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = error.driverError as { code?: string; constraint?: string };
  const kind = driver.code ? KINDS[driver.code] : undefined;
  return kind ? { kind, constraint: driver.constraint ?? '' } : null;
}
