import { ParseIntPipe } from '@nestjs/common';
import { invalidInput } from '../errors/domain-error';

/** Parses an `:id` path parameter as a whole number; anything else is a 400 naming it. */
export function IntIdParam(name = 'id'): ParseIntPipe {
  return new ParseIntPipe({
    exceptionFactory: () => invalidInput([{ path: name, message: 'must be a whole number' }]),
  });
}
