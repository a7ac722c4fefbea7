export const ZONE_TYPES = [
  'industrial_park',
  'sez',
  'ftz_area',
  'cross_border_zone',
  'overseas_cooperation_zone',
  'logistics_park',
] as const;
export type ZoneType = (typeof ZONE_TYPES)[number];

export const PARK_STATUSES = [
  'planned',
  'under_construction',
  'operational',
  'suspended',
  'closed',
] as const;
export type ParkStatus = (typeof PARK_STATUSES)[number];
