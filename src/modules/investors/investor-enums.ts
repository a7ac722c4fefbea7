export const INVESTOR_TYPES = [
  'state_owned',
  'private',
  'joint_venture',
  'government',
  'dfi',
  'other',
] as const;
export type InvestorType = (typeof INVESTOR_TYPES)[number];
