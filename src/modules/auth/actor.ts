import type { Role } from '../users/roles';

/** Who is making the request, as the access guard established it. */
export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  /** Set for officers and reviewers only. */
  readonly countryCode: string | null;
  /** How they authenticated: a session JWT or a named API token. */
  readonly via: { readonly kind: 'jwt' } | { readonly kind: 'api_token'; readonly tokenId: string };
}
