import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** The path of the first string holding U+0000, which PostgreSQL text cannot store. */
export function findNulCharacter(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 20 || typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findNulCharacter(child, childPath(path, key), depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** ValidationPipe, first refusing text no column can hold (PostgreSQL rejects U+0000). */
class BoundaryValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const path = findNulCharacter(value);
    if (path !== null) {
      throw invalidInput([
        {
          path: path || metadata.data || '',
          message: 'must not contain the NUL character (U+0000)',
        },
      ]);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * Strict validation at the boundary: unknown fields are refused (not ignored), values are
 * transformed to their DTO types, and failures become one 400 problem naming every field.
 */
export function createValidationPipe(): ValidationPipe {
  return new BoundaryValidationPipe({
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
