import type { FastifyRequest } from 'fastify';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { createValidationPipe } from '../../common/validation/validation-pipe';

/** Field path (as the API names it, e.g. `sectors[0].share`) → message, for the form's labels. */
export type FieldErrors = Readonly<Record<string, string>>;

export type Validated<T> =
  | { readonly value: T; readonly errors: null }
  | { readonly value: null; readonly errors: FieldErrors };

const pipe = createValidationPipe();

/**
 * Checks console input against the API's own DTO with the API's own pipe, so a form accepts
 * exactly what the JSON API accepts and names the same fields when it does not.
 */
export async function validateAs<T extends object>(
  type: new () => T,
  input: unknown,
): Promise<Validated<T>> {
  try {
    const value = (await pipe.transform(input, { type: 'body', metatype: type })) as T;
    return { value, errors: null };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid') {
      return { value: null, errors: fieldErrorsOf(error) };
    }
    throw error;
  }
}

export function fieldErrorsOf(error: DomainError): FieldErrors {
  const errors: Record<string, string> = {};
  const list: readonly FieldError[] = error.options.errors ?? [
    { path: '', message: error.message },
  ];
  for (const { path, message } of list) {
    errors[path] = errors[path] ? `${errors[path]}; ${message}` : message;
  }
  return errors;
}

/** Text fields of a form or query string, blank ones left out (a blank filter is no filter). */
export function formFields(source: unknown): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  if (!source || typeof source !== 'object') return fields;
  for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
    if (typeof value === 'string') {
      if (value.trim() !== '') fields[name] = value.trim();
    } else if (Array.isArray(value)) {
      const kept = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
      if (kept.length > 0) fields[name] = kept.map((v) => v.trim());
    }
  }
  return fields;
}

/** The posted form (urlencoded); anything else (a multipart post to a plain form) is refused. */
export function postedForm(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new DomainError(
      'unsupported_media_type',
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the form as application/x-www-form-urlencoded.',
    );
  }
  return body as Record<string, unknown>;
}

/** The posted form when this request posted one; nothing for a GET (a form shown afresh). */
export function formIfPosted(request: FastifyRequest): Record<string, unknown> {
  return request.method === 'POST' ? postedForm(request) : {};
}

/** One text field of a posted form ('' when absent). */
export function textField(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** The reason typed into the form, for the audit trail (same limit as X-Change-Reason). */
export function reasonField(form: Record<string, unknown>): string | null {
  return textField(form, 'reason').slice(0, 500) || null;
}

/** The record version a form was opened on; undefined unless it is one a record can have. */
export function versionField(form: Record<string, unknown>): number | undefined {
  const text = textField(form, 'version');
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}
