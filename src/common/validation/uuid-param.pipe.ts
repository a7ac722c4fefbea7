import { ParseUUIDPipe } from '@nestjs/common';
import { invalidInput } from '../errors/domain-error';

/** Parses an `:id` path parameter as a UUID; anything else is a 400 naming the parameter. */
export function UuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => invalidInput([{ path: name, message: 'must be a UUID' }]),
  });
}
