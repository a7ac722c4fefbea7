import type { Role } from '../users/roles';
import type { Decision, ReviewState } from './pairing-enums';

/** Who acts, as far as the workflow cares. */
export interface WorkflowActor {
  readonly userId: string;
  readonly role: Role;
  readonly countryCode: string | null;
}

/** The pairing, as far as the workflow cares: state, side countries, this round's decisions. */
export interface WorkflowPairing {
  readonly state: ReviewState;
  readonly sides: readonly string[];
  readonly submittedBy: string | null;
  /** Decisions of the current round, by side country. */
  readonly decisions: ReadonlyMap<string, Decision>;
}

export type WorkflowCommand =
  | { readonly kind: 'submit' }
  | { readonly kind: 'decide'; readonly decision: Decision; readonly reason: string | null }
  | { readonly kind: 'edit'; readonly structural: boolean };

export type WorkflowRefusal =
  | { readonly status: 403; readonly code: string; readonly message: string }
  | { readonly status: 409; readonly code: string; readonly message: string }
  | { readonly status: 428; readonly code: string; readonly message: string };

export type WorkflowOutcome =
  | {
      readonly ok: true;
      readonly state: ReviewState;
      /** Submitting starts a new review round. */
      readonly newRound: boolean;
      /** The side a decision is recorded for (the reviewer's country). */
      readonly side?: string;
    }
  | { readonly ok: false; readonly refusal: WorkflowRefusal };

const refuse = (status: 403 | 409 | 428, code: string, message: string): WorkflowOutcome => ({
  ok: false,
  refusal: { status, code, message } as WorkflowRefusal,
});

/**
 * The ministry review workflow of a pairing, as one pure function (SPEC section 4):
 * - draft or returned -> submit (an officer of either side's country, or an admin) -> submitted;
 * - in submitted, one reviewer per side per round decides; the submitter cannot review;
 *   return and reject need a reason; any reject -> rejected, any return -> returned, both
 *   sides approve -> approved;
 * - officers edit only draft and returned pairings; a change to the sides or industries of an
 *   approved (or submitted) pairing puts it back to draft.
 * The service applies it inside the audited transaction, with the pairing row locked.
 */
export function applyWorkflow(
  pairing: WorkflowPairing,
  actor: WorkflowActor,
  command: WorkflowCommand,
): WorkflowOutcome {
  switch (command.kind) {
    case 'submit':
      return submit(pairing, actor);
    case 'decide':
      return decide(pairing, actor, command.decision, command.reason);
    case 'edit':
      return edit(pairing, actor, command.structural);
  }
}

function submit(pairing: WorkflowPairing, actor: WorkflowActor): WorkflowOutcome {
  const onASide = actor.countryCode !== null && pairing.sides.includes(actor.countryCode);
  if (!(actor.role === 'admin' || (actor.role === 'officer' && onASide))) {
    return refuse(
      403,
      'SUBMIT_FORBIDDEN',
      'Only an officer of one of the two countries, or an admin, can submit this pairing.',
    );
  }
  if (pairing.state !== 'draft' && pairing.state !== 'returned') {
    return refuse(
      409,
      'INVALID_TRANSITION',
      `A ${pairing.state} pairing cannot be submitted; only draft and returned ones can.`,
    );
  }
  return { ok: true, state: 'submitted', newRound: true };
}

function decide(
  pairing: WorkflowPairing,
  actor: WorkflowActor,
  decision: Decision,
  reason: string | null,
): WorkflowOutcome {
  const side = actor.countryCode;
  if (actor.role !== 'reviewer' || side === null || !pairing.sides.includes(side)) {
    return refuse(
      403,
      'REVIEW_FORBIDDEN',
      'Only a reviewer of one of the two countries can decide on this pairing.',
    );
  }
  if (actor.userId === pairing.submittedBy) {
    return refuse(
      403,
      'SUBMITTER_CANNOT_REVIEW',
      'You submitted this pairing; another reviewer decides.',
    );
  }
  if (pairing.state !== 'submitted') {
    return refuse(409, 'NOT_UNDER_REVIEW', `The pairing is ${pairing.state}, not under review.`);
  }
  if (pairing.decisions.has(side)) {
    return refuse(
      409,
      'ALREADY_DECIDED',
      `${side} has already decided in this round (${pairing.decisions.get(side)}).`,
    );
  }
  if (decision !== 'approve' && !reason) {
    return refuse(
      428,
      'REASON_REQUIRED',
      `To ${decision} a pairing, say why: X-Change-Reason header or a comment.`,
    );
  }
  switch (decision) {
    case 'reject':
      return { ok: true, state: 'rejected', newRound: false, side };
    case 'return':
      return { ok: true, state: 'returned', newRound: false, side };
    case 'approve': {
      const others = pairing.sides.filter((country) => country !== side);
      const allApproved = others.every((country) => pairing.decisions.get(country) === 'approve');
      return { ok: true, state: allApproved ? 'approved' : 'submitted', newRound: false, side };
    }
  }
}

function edit(
  pairing: WorkflowPairing,
  actor: WorkflowActor,
  structural: boolean,
): WorkflowOutcome {
  if (actor.role !== 'admin' && pairing.state !== 'draft' && pairing.state !== 'returned') {
    return refuse(
      409,
      'PAIRING_LOCKED',
      `A ${pairing.state} pairing cannot be edited by officers; only draft and returned ones can.`,
    );
  }
  const resets = structural && (pairing.state === 'approved' || pairing.state === 'submitted');
  return { ok: true, state: resets ? 'draft' : pairing.state, newRound: false };
}
