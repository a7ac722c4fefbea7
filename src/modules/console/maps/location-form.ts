import type { LocationDto } from '../../geography/dto/location.dto';
import { EXACTNESSES, PRECISIONS } from '../../geography/geo-point';

/** The location's fields on a record form, named by their path in the API body. */
export const LOCATION_FIELDS = [
  'location.lon',
  'location.lat',
  'location.exactness',
  'location.precision',
  'location.source.url',
  'location.source.title',
  'location.source.accessedOn',
] as const;

export const LOCATION_CHOICES = { exactnesses: EXACTNESSES, precisions: PRECISIONS };

const text = (form: Readonly<Record<string, unknown>>, name: string): string => {
  const raw = form[name];
  return typeof raw === 'string' ? raw.trim() : '';
};

/** A number where the text is one (else the text, so the API's validation names the field). */
const coordinate = (value: string): number | string =>
  /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;

/**
 * The body's `location` from the form: null when the point is left blank (no location), else the
 * point with what is said about it. A park's subdivision is its own field; a project's is the
 * location's (`subdivision`).
 */
export function locationFromForm(
  form: Readonly<Record<string, unknown>>,
  options: { subdivision?: boolean } = {},
): unknown {
  const [lon, lat] = [text(form, 'location.lon'), text(form, 'location.lat')];
  const [url, title] = [text(form, 'location.source.url'), text(form, 'location.source.title')];
  const accessedOn = text(form, 'location.source.accessedOn');
  const exactness = text(form, 'location.exactness');
  const precision = text(form, 'location.precision');
  const subdivision = options.subdivision ? text(form, 'location.subdivisionCode') : '';
  if (!lon && !lat && !url && !title && !exactness && !precision && !subdivision) return null;
  return {
    ...(options.subdivision ? { subdivisionCode: subdivision || null } : {}),
    lon: coordinate(lon),
    lat: coordinate(lat),
    exactness: exactness || null,
    precision: precision || null,
    source: url || title ? { url, title: title || url, accessedOn: accessedOn || null } : null,
  };
}

/** The form fields as the record has them, or as they were typed. */
export function locationValues(location: LocationDto | null): Record<string, string> {
  return {
    'location.lon': location ? String(location.lon) : '',
    'location.lat': location ? String(location.lat) : '',
    'location.exactness': location?.exactness ?? '',
    'location.precision': location?.precision ?? '',
    'location.source.url': location?.source?.url ?? '',
    'location.source.title': location?.source?.title ?? '',
    'location.source.accessedOn': location?.source?.accessedOn ?? '',
    'location.subdivisionCode': location?.subdivisionCode ?? '',
  };
}

export function typedLocation(form: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(
    LOCATION_FIELDS.map((name) => [name, typeof form[name] === 'string' ? form[name] : '']),
  );
}

/** A refusal of the point as a whole (outside the country) is shown at the longitude field. */
export function foldLocationError<T extends Record<string, string>>(errors: T): T {
  if (!errors.location || errors['location.lon']) return errors;
  const { location, ...rest } = errors;
  return { ...rest, 'location.lon': location } as unknown as T;
}
