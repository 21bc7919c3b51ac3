/**
 * The series of exercise 4: a level that wanders (a random walk), a seasonal pattern of `period` steps and
 * measurement noise. Each period has a pattern of its own, the same on every draw; the walk, the noise and
 * where in its season the series starts come from the seed. A draw is `given` (what a model may learn from)
 * followed by `future` (what it is scored on, never handed to your code). A draw seeds the course's generator
 * (`seed`), as the library's synthetic tasks do.
 */
import { gaussian, random, seed } from "rnn-course";

/** How long a draw is, in seasons: the part your code sees, and the held-out continuation after it. */
export const GIVEN_SEASONS = 15;
export const FUTURE_SEASONS = 40;
/** Standard deviations of the level's steps and of the noise; the seasonal pattern has standard deviation 1. */
const WALK = 0.2;
const NOISE = 0.2;

/** One draw: the part a model learns from, and its continuation. */
export function seasonalSeries(period: number, drawSeed: number): { given: number[]; future: number[] } {
  const pattern = seasonalPattern(period);
  seed(drawSeed);
  const phase = Math.floor(random() * period);
  let level = 0;
  const values = Array.from({ length: (GIVEN_SEASONS + FUTURE_SEASONS) * period }, (_, t) => {
    level += WALK * gaussian();
    return level + pattern[(t + phase) % period] + NOISE * gaussian();
  });
  return { given: values.slice(0, GIVEN_SEASONS * period), future: values.slice(GIVEN_SEASONS * period) };
}

/** The pattern of one season: `period` values drawn once for that period, with mean 0 and standard deviation 1. */
function seasonalPattern(period: number): number[] {
  seed(1000 + period);
  const raw = Array.from({ length: period }, () => gaussian());
  const mean = raw.reduce((a, b) => a + b, 0) / period;
  const sd = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / period);
  return raw.map((v) => (v - mean) / sd);
}
