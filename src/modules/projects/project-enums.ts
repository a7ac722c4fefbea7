export const PROJECT_TYPES = [
  'greenfield',
  'expansion',
  'joint_venture',
  'brownfield',
  'm_and_a',
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const PROJECT_STAGES = [
  'pipeline',
  'signed',
  'under_construction',
  'operational',
  'suspended',
  'cancelled',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export const INVESTOR_ROLES = ['lead', 'partner', 'lender', 'developer', 'operator'] as const;
export type InvestorRole = (typeof INVESTOR_ROLES)[number];
