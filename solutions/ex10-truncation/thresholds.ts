/** Written by `npm run calibrate` (scripts/calibrate/): do not edit. */
export const THRESHOLDS = { loss: 0.26 };
