import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, invalidInput } from '../errors/domain-error';

function childPath(parent: string, property: string): string {
  if (parent === '') return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** Flattens class-validator's tree into `{ path, message }` pairs, e.g. `sides[0].countryCode`. */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
): FieldError[] {
  return errors.flatMap((error) => {
    const path = childPath(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      path,
      // class-validator's whitelist message names the property itself; keep it short.
      message: message.endsWith('should not exist') ? 'unknown field' : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/**
 * Strict validation at the boundary: unknown fields are refused (not ignored), values are
 * transformed to their DTO types, and failures become one 400 problem naming every field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      return invalidInput(
        fieldErrors.length > 0 ? fieldErrors : [{ path: '', message: 'invalid value' }],
      );
    },
  });
}
