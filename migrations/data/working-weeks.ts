/**
 * Government working weeks of China and the ASEAN members, seeded into the review calendars
 * (migration ReviewDesk). Rest days are ISO weekday numbers (1 Monday ... 7 Sunday). Holidays
 * are not seeded: they change every year (and several follow the lunar or Islamic calendar), so
 * each country's admins enter them or import an iCalendar file.
 *
 * A subdivision whose week differs from the national one is listed with its ISO 3166-2 code; a
 * side whose parks all lie in it counts its review period by that week.
 */
export interface WorkingWeekSeed {
  readonly countryCode: string;
  readonly weekend: readonly number[];
  readonly timeZone: string;
  readonly subdivisionWeekends: readonly {
    readonly subdivisionCode: string;
    readonly weekend: readonly number[];
    readonly source: string;
  }[];
  readonly source: string;
}

const SAT_SUN = [6, 7];
const FRI_SAT = [5, 6];

export const WORKING_WEEKS: readonly WorkingWeekSeed[] = [
  {
    countryCode: 'CN',
    weekend: SAT_SUN,
    timeZone: 'Asia/Shanghai',
    subdivisionWeekends: [],
    source:
      'State Council, Provisions on Working Hours of Employees (as amended 25 March 1995): a five-day week, Saturday and Sunday the weekly rest days; official make-up working days are entered as dates by admins.',
  },
  {
    countryCode: 'BN',
    weekend: [5, 7],
    timeZone: 'Asia/Brunei',
    subdivisionWeekends: [],
    source:
      'Brunei Darussalam government offices work Monday to Thursday and Saturday; Friday and Sunday are the weekly rest days (Prime Minister’s Office, civil service working hours).',
  },
  {
    countryCode: 'KH',
    weekend: SAT_SUN,
    timeZone: 'Asia/Phnom_Penh',
    subdivisionWeekends: [],
    source: 'Royal Government of Cambodia: ministries work Monday to Friday.',
  },
  {
    countryCode: 'ID',
    weekend: SAT_SUN,
    timeZone: 'Asia/Jakarta',
    subdivisionWeekends: [],
    source:
      'Presidential Decree 68/1995 on working days for central and regional government: five working days, Monday to Friday. Time zone of the capital (WIB).',
  },
  {
    countryCode: 'LA',
    weekend: SAT_SUN,
    timeZone: 'Asia/Vientiane',
    subdivisionWeekends: [],
    source: 'Lao PDR Labour Law (2013): government offices work Monday to Friday.',
  },
  {
    countryCode: 'MY',
    weekend: SAT_SUN,
    timeZone: 'Asia/Kuala_Lumpur',
    subdivisionWeekends: [
      {
        subdivisionCode: 'MY-02',
        weekend: FRI_SAT,
        source: 'Kedah state government: Friday and Saturday weekend since 2014.',
      },
      {
        subdivisionCode: 'MY-03',
        weekend: FRI_SAT,
        source: 'Kelantan state government: Friday and Saturday weekend.',
      },
      {
        subdivisionCode: 'MY-11',
        weekend: FRI_SAT,
        source: 'Terengganu state government: Friday and Saturday weekend since 2014.',
      },
    ],
    source:
      'Federal government and most states: Saturday and Sunday. Kedah, Kelantan and Terengganu rest on Friday and Saturday. Johor rested on Friday and Saturday from 2014 to 2024 and returned to Saturday and Sunday on 1 January 2025 (Johor state government announcement, October 2024); admins can give MY-01 a week of its own should that change again.',
  },
  {
    countryCode: 'MM',
    weekend: SAT_SUN,
    timeZone: 'Asia/Yangon',
    subdivisionWeekends: [],
    source: 'Myanmar government offices work Monday to Friday.',
  },
  {
    countryCode: 'PH',
    weekend: SAT_SUN,
    timeZone: 'Asia/Manila',
    subdivisionWeekends: [],
    source:
      'Civil Service Commission: government offices keep a 40-hour week, Monday to Friday (Administrative Code of 1987, Book V).',
  },
  {
    countryCode: 'SG',
    weekend: SAT_SUN,
    timeZone: 'Asia/Singapore',
    subdivisionWeekends: [],
    source: 'Singapore Public Service: five-day week, Monday to Friday, since 2004.',
  },
  {
    countryCode: 'TH',
    weekend: SAT_SUN,
    timeZone: 'Asia/Bangkok',
    subdivisionWeekends: [],
    source: 'Thai government offices work Monday to Friday (Office of the Civil Service Commission).',
  },
  {
    countryCode: 'TL',
    weekend: SAT_SUN,
    timeZone: 'Asia/Dili',
    subdivisionWeekends: [],
    source: 'Timor-Leste public administration works Monday to Friday (Civil Service Commission).',
  },
  {
    countryCode: 'VN',
    weekend: SAT_SUN,
    timeZone: 'Asia/Ho_Chi_Minh',
    subdivisionWeekends: [],
    source:
      'Decision 188/1999/QD-TTg: state agencies work a 40-hour week, Monday to Friday, since October 1999.',
  },
];
