/**
 * ISIC Rev.4 → OECD DAC 5-digit purpose code (IATI Sector, vocabulary 1), so every activity
 * carries the DAC sector IATI's rules ask for beside its ISIC codes (vocabulary 99).
 *
 * Ours, by the DAC descriptions: the longest ISIC prefix listed wins (a group beats its
 * division); a section letter maps by its own entry. Every code is an active member of the
 * Sector codelist shipped in standards/ (dac-sectors.spec.ts checks it).
 */
const BY_PREFIX: Readonly<Record<string, string>> = {
  // A: agriculture, forestry and fishing
  '01': '31120',
  '02': '31220',
  '03': '31320',
  // B: mining and quarrying
  '05': '32261',
  '06': '32262',
  '071': '32263',
  '072': '32264',
  '08': '32266',
  '09': '32220',
  // C: manufacturing
  '10': '32161',
  '11': '32161',
  '12': '32161',
  '13': '32163',
  '14': '32163',
  '15': '32163',
  '16': '32162',
  '17': '32162',
  '18': '32120',
  '19': '32167',
  '20': '32164',
  '2012': '32165',
  '21': '32168',
  '22': '32120',
  '23': '32120',
  '2394': '32166',
  '2395': '32166',
  '24': '32169',
  '242': '32170',
  '25': '32171',
  '26': '32171',
  '27': '32171',
  '28': '32171',
  '29': '32172',
  '30': '32172',
  '31': '32120',
  '32': '32120',
  '33': '32171',
  // D: electricity, gas, steam
  '35': '23630',
  // E: water, sewerage, waste
  '36': '14020',
  '37': '14022',
  '38': '14050',
  '39': '14050',
  // F: construction
  '41': '32310',
  '42': '32310',
  '43': '32310',
  // G: trade
  '45': '33120',
  '46': '33120',
  '47': '33120',
  // H: transport and storage
  '49': '21020',
  '50': '21040',
  '51': '21050',
  '52': '21061',
  '53': '21010',
  // I: accommodation and food
  '55': '33210',
  '56': '33210',
  // J: information and communication
  '58': '22040',
  '59': '22040',
  '60': '22040',
  '61': '22040',
  '62': '22040',
  '63': '22040',
  // K: finance; L: real estate
  '64': '24010',
  '65': '24010',
  '66': '24010',
  '68': '43030',
  // M, N: professional and support services (72: research and development)
  '69': '25010',
  '70': '25010',
  '71': '25010',
  '72': '32182',
  '73': '25010',
  '74': '25010',
  '75': '25010',
  '77': '25030',
  '78': '25030',
  '79': '33210',
  '80': '25030',
  '81': '25030',
  '82': '25030',
  // O-S: public administration, education, health, culture, other services
  '84': '15110',
  '85': '11110',
  '86': '12110',
  '87': '12110',
  '88': '12110',
  '90': '16061',
  '91': '16061',
  '92': '16061',
  '93': '16061',
  '94': '25010',
  '95': '25030',
  '96': '25030',
};

const BY_SECTION: Readonly<Record<string, string>> = {
  A: '31120',
  B: '32220',
  C: '32120',
  D: '23630',
  E: '14050',
  F: '32310',
  G: '33120',
  H: '21010',
  I: '33210',
  J: '22040',
  K: '24010',
  L: '43030',
  M: '25010',
  N: '25030',
  O: '15110',
  P: '11110',
  Q: '12110',
  R: '16061',
  S: '25030',
};

/** Households as employers (T) and extraterritorial bodies (U): no DAC sector fits. */
const NOT_SPECIFIED = '99810';

export function dacSectorOf(isicCode: string): string {
  if (/^[A-Z]$/.test(isicCode)) return BY_SECTION[isicCode] ?? NOT_SPECIFIED;
  for (let length = isicCode.length; length >= 2; length -= 1) {
    const code = BY_PREFIX[isicCode.slice(0, length)];
    if (code) return code;
  }
  return NOT_SPECIFIED;
}

/** Every DAC code the mapping can give (for the codelist check). */
export function mappedDacCodes(): string[] {
  return [...new Set([...Object.values(BY_PREFIX), ...Object.values(BY_SECTION), NOT_SPECIFIED])];
}
