import type { PipeTransform } from '@nestjs/common';
import { invalidInput } from '../errors/domain-error';

/** PostgreSQL's integer: a larger id would be a database error (500), not a 404. */
const MAX_INT = 2_147_483_647;

/** Parses an `:id` path parameter as a positive integer id; anything else is a 400 naming it. */
export function IntIdParam(name = 'id'): PipeTransform<string, number> {
  return {
    transform(value: string): number {
      const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
      if (!(id >= 1 && id <= MAX_INT)) {
        throw invalidInput([
          { path: name, message: `must be a whole number from 1 to ${MAX_INT}` },
        ]);
      }
      return id;
    },
  };
}
