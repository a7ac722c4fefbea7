import type { ChangePageDto } from '../audit/dto/change.dto';

/** How one form field becomes one member of the API's JSON body. */
export interface FieldSpec {
  readonly name: string;
  /** `int`: a whole number; `text`: as typed. */
  readonly kind?: 'text' | 'int';
  /** A blank field clears the value (null) rather than being left out. */
  readonly nullable?: boolean;
}

/**
 * The JSON body a form stands for: blank nullable fields clear the value, blank required ones
 * stay blank (so the API's validation names them), numbers become numbers where they parse.
 */
export function bodyFromForm(
  form: Readonly<Record<string, unknown>>,
  specs: readonly FieldSpec[],
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const spec of specs) {
    const raw = form[spec.name];
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      body[spec.name] = spec.nullable ? null : '';
      continue;
    }
    body[spec.name] = spec.kind === 'int' && /^-?\d+$/.test(text) ? Number(text) : text;
  }
  return body;
}

/** The form's values as typed, to show again after a refusal (never lose an edit). */
export function typedValues(
  form: Readonly<Record<string, unknown>>,
  specs: readonly FieldSpec[],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const spec of specs) {
    const raw = form[spec.name];
    values[spec.name] = typeof raw === 'string' ? raw : '';
  }
  return values;
}

/** A record's values in form shape (strings), for the edit form. */
export function formValues(
  record: Readonly<Record<string, unknown>>,
  specs: readonly FieldSpec[],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const spec of specs) {
    const value = record[spec.name];
    values[spec.name] =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : '';
  }
  return values;
}

export interface ConflictRow {
  readonly field: string;
  /** The field's name in the reader's words, where the page has one (else `field` is shown). */
  readonly label?: string;
  readonly saved: string;
  readonly yours: string;
}

export interface ConflictView {
  readonly rows: readonly ConflictRow[];
  /** Who changed the record since the version the form was opened on, and when. */
  readonly changes: readonly {
    readonly actor: string;
    readonly at: string;
    readonly reason: string | null;
  }[];
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * What others changed since `formVersion`, next to what the user typed: the fields changed in
 * the audit trail after that version, with the value saved now and the user's edit.
 */
export function conflictView(options: {
  readonly formVersion: number;
  readonly current: Readonly<Record<string, unknown>>;
  readonly history: ChangePageDto;
  readonly typed: Readonly<Record<string, string>>;
  readonly specs: readonly FieldSpec[];
}): ConflictView {
  const later = options.history.items.filter((change) => {
    const version = Number(change.after?.version ?? change.before?.version ?? 0);
    return version > options.formVersion;
  });
  const changedColumns = new Set(later.flatMap((change) => change.changed));
  const saved = formValues(options.current, options.specs);
  const rows = options.specs
    .filter((spec) => changedColumns.has(snakeCase(spec.name)))
    .map((spec) => ({
      field: spec.name,
      saved: saved[spec.name],
      yours: options.typed[spec.name] ?? '',
    }));
  return {
    rows,
    changes: later.map((change) => ({ actor: change.actor, at: change.at, reason: change.reason })),
  };
}
