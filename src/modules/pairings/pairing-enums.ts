export const PAIRING_STATUSES = ['proposed', 'active', 'suspended', 'terminated'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];

export const REVIEW_STATES = ['draft', 'submitted', 'approved', 'returned', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const DECISIONS = ['approve', 'return', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];
