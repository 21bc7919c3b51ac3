/** Written by `npm run calibrate` (scripts/calibrate/): do not edit. */
export const THRESHOLDS = { ratio: 0.2 };
