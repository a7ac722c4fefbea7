/** A field that failed validation. */
export class FieldErrorDto {
  /** Path into the request, e.g. `sides[0].countryCode`. */
  path!: string;
  message!: string;
}

/** RFC 9457 problem details: the body of every error response (`application/problem+json`). */
export class ProblemDetailsDto {
  /** URI naming the problem type, e.g. `urn:twin-park-registry:problem:country-not-found`. */
  type!: string;
  title!: string;
  status!: number;
  detail!: string;
  /** Stable machine-readable code, e.g. `VALIDATION_FAILED`, `COUNTRY_NOT_FOUND`. */
  code!: string;
  /** The request's X-Request-Id; quote it when reporting a problem. */
  requestId!: string;
  /** The request path. */
  instance?: string;
  errors?: FieldErrorDto[];
}
