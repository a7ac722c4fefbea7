import { Transform } from 'class-transformer';

/** Query-string booleans: only `true` and `false` are accepted; anything else fails @IsBoolean. */
export function QueryBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );
}

/** Trims surrounding whitespace from a string value. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  );
}

/** Codes such as `my` or ` MY `: trimmed and upper-cased before validation. */
export function UpperCase(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  );
}

/** For `@ValidateIf(unlessNull)`: an explicit null clears a nullable field, and skips its checks. */
export const unlessNull = (_object: object, value: unknown): boolean => value !== null;
