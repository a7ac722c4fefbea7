import type { Role } from '../users/roles';

/** Who is making the request, as the access guard established it. */
export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  /** Set for officers and reviewers only. */
  readonly countryCode: string | null;
  /**
   * How they authenticated: a session JWT, a named API token, or a web console session; `system` for jobs the service
   * runs itself (the demo-data loader), which pass the same service rules as an admin.
   */
  readonly via:
    | { readonly kind: 'jwt' }
    | { readonly kind: 'console' }
    | { readonly kind: 'api_token'; readonly tokenId: string }
    | { readonly kind: 'system' };
}

/** No user has the nil UUID, so nothing a system job does can be mistaken for a person's act. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

/**
 * An admin-level actor for a job of the service itself. The audit trail records the job from its
 * WriteContext (`system:<job>`); the user id is never stored by the writes such jobs make
 * (they do not submit or review pairings, the only writes that record a user id).
 */
export function systemActor(job: string): Actor {
  return {
    userId: NO_USER,
    email: `system:${job}`,
    role: 'admin',
    countryCode: null,
    via: { kind: 'system' },
  };
}
