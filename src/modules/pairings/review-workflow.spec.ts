import { DECISIONS, type Decision, REVIEW_STATES, type ReviewState } from './pairing-enums';
import {
  applyWorkflow,
  type WorkflowActor,
  type WorkflowOutcome,
  type WorkflowPairing,
} from './review-workflow';
import type { Role } from '../users/roles';

const SIDES = ['CN', 'MY'] as const;
const actor = (role: Role, countryCode: string | null, userId = `${role}-${countryCode}`) =>
  ({ userId, role, countryCode }) as WorkflowActor;
const pairing = (
  state: ReviewState,
  decisions: [string, Decision][] = [],
  submittedBy: string | null = 'officer-CN',
): WorkflowPairing => ({ state, sides: SIDES, submittedBy, decisions: new Map(decisions) });
const refusal = (outcome: WorkflowOutcome) => (outcome.ok ? null : outcome.refusal.code);
const state = (outcome: WorkflowOutcome) => (outcome.ok ? outcome.state : null);

describe('review workflow', () => {
  describe('submit', () => {
    it.each(REVIEW_STATES)('from %s', (from) => {
      const outcome = applyWorkflow(pairing(from), actor('officer', 'MY'), { kind: 'submit' });
      if (from === 'draft' || from === 'returned') {
        expect(outcome).toEqual({ ok: true, state: 'submitted', newRound: true });
      } else {
        expect(refusal(outcome)).toBe('INVALID_TRANSITION');
      }
    });

    it.each<[Role, string | null, string | null]>([
      ['officer', 'CN', null],
      ['officer', 'MY', null],
      ['admin', null, null],
      ['officer', 'VN', 'SUBMIT_FORBIDDEN'],
      ['reviewer', 'MY', 'SUBMIT_FORBIDDEN'],
      ['analyst', null, 'SUBMIT_FORBIDDEN'],
    ])('by a %s of %s', (role, country, expected) => {
      expect(
        refusal(applyWorkflow(pairing('draft'), actor(role, country), { kind: 'submit' })),
      ).toBe(expected);
    });
  });

  describe('decide', () => {
    const decide = (
      p: WorkflowPairing,
      who: WorkflowActor,
      decision: Decision,
      reason: string | null = 'because',
    ) => applyWorkflow(p, who, { kind: 'decide', decision, reason });

    it('needs both sides to approve', () => {
      const first = decide(pairing('submitted'), actor('reviewer', 'CN'), 'approve');
      expect(first).toEqual({ ok: true, state: 'submitted', newRound: false, side: 'CN' });
      const second = decide(
        pairing('submitted', [['CN', 'approve']]),
        actor('reviewer', 'MY'),
        'approve',
      );
      expect(second).toEqual({ ok: true, state: 'approved', newRound: false, side: 'MY' });
    });

    it.each<[Decision, ReviewState]>([
      ['return', 'returned'],
      ['reject', 'rejected'],
    ])('any %s decides the round', (decision, expected) => {
      expect(state(decide(pairing('submitted'), actor('reviewer', 'MY'), decision))).toBe(expected);
      expect(
        state(decide(pairing('submitted', [['CN', 'approve']]), actor('reviewer', 'MY'), decision)),
      ).toBe(expected);
    });

    it.each(DECISIONS.filter((d) => d !== 'approve'))('%s needs a reason (428)', (decision) => {
      expect(refusal(decide(pairing('submitted'), actor('reviewer', 'MY'), decision, null))).toBe(
        'REASON_REQUIRED',
      );
    });

    it('approve needs no reason', () => {
      expect(state(decide(pairing('submitted'), actor('reviewer', 'MY'), 'approve', null))).toBe(
        'submitted',
      );
    });

    it.each(REVIEW_STATES.filter((s) => s !== 'submitted'))('is refused while %s', (from) => {
      expect(refusal(decide(pairing(from), actor('reviewer', 'MY'), 'approve'))).toBe(
        'NOT_UNDER_REVIEW',
      );
    });

    it('allows one decision per side per round', () => {
      expect(
        refusal(
          decide(
            pairing('submitted', [['MY', 'approve']]),
            actor('reviewer', 'MY', 'other'),
            'approve',
          ),
        ),
      ).toBe('ALREADY_DECIDED');
    });

    it.each<[Role, string | null]>([
      ['reviewer', 'VN'],
      ['officer', 'MY'],
      ['admin', null],
      ['analyst', null],
    ])('refuses a %s of %s', (role, country) => {
      expect(refusal(decide(pairing('submitted'), actor(role, country), 'approve'))).toBe(
        'REVIEW_FORBIDDEN',
      );
    });

    it('refuses the submitter', () => {
      const submitter = actor('reviewer', 'MY', 'u-1');
      expect(refusal(decide(pairing('submitted', [], 'u-1'), submitter, 'approve'))).toBe(
        'SUBMITTER_CANNOT_REVIEW',
      );
    });
  });

  describe('edit', () => {
    const edit = (from: ReviewState, who: WorkflowActor, structural: boolean) =>
      applyWorkflow(pairing(from), who, { kind: 'edit', structural });

    it.each(REVIEW_STATES)('by an officer while %s', (from) => {
      const outcome = edit(from, actor('officer', 'MY'), true);
      if (from === 'draft' || from === 'returned') expect(state(outcome)).toBe(from);
      else expect(refusal(outcome)).toBe('PAIRING_LOCKED');
    });

    it.each(REVIEW_STATES)('of sides or industries by an admin while %s', (from) => {
      const expected = from === 'approved' || from === 'submitted' ? 'draft' : from;
      expect(state(edit(from, actor('admin', null), true))).toBe(expected);
    });

    it.each(REVIEW_STATES)('of other fields by an admin while %s keeps the state', (from) => {
      expect(state(edit(from, actor('admin', null), false))).toBe(from);
    });
  });
});
