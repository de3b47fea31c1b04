/**
 * One colour-blind-safe palette for every chart, on screen and in reports: Okabe & Ito (2008),
 * "Color Universal Design". Reference and current are blue and orange — distinguishable with every
 * common colour-vision deficiency and in greyscale by lightness; drift is marked in vermillion.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** What each colour means in Plumbline charts. */
export const PALETTE = {
  reference: OKABE_ITO.blue,
  current: OKABE_ITO.orange,
  /** A threshold line or alert band. */
  threshold: '#555555',
  band: OKABE_ITO.skyBlue,
  /** A drifted point, a failed check, the largest ECDF gap. */
  drift: OKABE_ITO.vermillion,
  pass: OKABE_ITO.bluishGreen,
  /** Further series (groups, variants), in order. */
  series: [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.vermillion, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.yellow, OKABE_ITO.black],
} as const;
