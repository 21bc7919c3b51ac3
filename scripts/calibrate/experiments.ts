/**
 * The experiment exercises as calibration sees them: what one run scores (lower is better), the reference
 * answer (the solution's) and a known wrong one, and the choices whose pass rates `--margins` measures with
 * the exercises' own judges. Seeds here are the calibration's own, apart from the cases' and the grader's.
 */
import { anchoredWindows, fitLinear, historyWindows, meanSquaredError } from "../../src";
import { chooseLookback } from "../../solutions/ex04-beat-persistence/choose-lookback";
import { seasonalSeries } from "../../solutions/ex04-beat-persistence/data";
import { beatsPersistence, heldOutErrors } from "../../solutions/ex04-beat-persistence/experiment";
import { smallestTruncation } from "../../solutions/ex10-truncation/truncation";
import { learnsEcho, smallestThatLearns, trainEcho } from "../../solutions/ex10-truncation/experiment";
import { forgetBias } from "../../solutions/ex13-forget-bias/forget-bias";
import { solvesRecall, trainRecall } from "../../solutions/ex13-forget-bias/experiment";
import type { Verdict } from "../../autograder/core";
import type { Sample } from "./threshold";

/** A choice and the judges it goes through, `rounds` times with fresh seeds: how often each passes. */
export interface MarginRow {
  choice: string;
  judge: string;
  passed: number;
  rounds: number;
}

export interface Calibration {
  /** The exercise folder, under solutions/. */
  exercise: string;
  /** The name of the threshold in the exercise's THRESHOLDS, and what a run scores. */
  key: string;
  scoreName: string;
  /** See thresholdBetween: 1 for scores without outliers, 0.9 for training runs. */
  quantile: number;
  reference(runs: number): Promise<Sample>;
  wrong(runs: number): Promise<Sample>;
  /** Runs the judges for right and wrong answers, `rounds` times each, handing over each row as it is done. */
  margins(rounds: number, report: (row: MarginRow) => void): Promise<void>;
}

/** The seasons the lookback exercise draws (hidden.ts draws from the same list). */
const PERIODS = [5, 8, 12, 20, 30];
const CALIBRATION_SEED = 100_000;
const MARGIN_SEED = 200_000;

const lookback: Calibration = {
  exercise: "ex04-beat-persistence",
  key: "ratio",
  scoreName: "held-out error / persistence's",
  quantile: 1,
  reference: async (runs) => ({ what: "reference (the solution's choice of L)", scores: seasonalDraws(runs, CALIBRATION_SEED, (given) => chooseLookback(given)) }),
  wrong: async (runs) => ({ what: "L half a season", scores: seasonalDraws(runs, CALIBRATION_SEED, (_, period) => Math.max(2, Math.round(period / 2))) }),
  margins: async (rounds, report) => {
    const choices: [string, (given: number[], period: number) => number][] = [
      ["chosen on a validation part (the solution)", (given) => chooseLookback(given)],
      ["L = half a season", (_, period) => Math.max(2, Math.round(period / 2))],
      ["L = season - 1", (_, period) => period - 1],
      ["L = season", (_, period) => period],
      ["L = season + 1", (_, period) => period + 1],
      ["L = 24 for every series", () => 24],
      ["L with the least training error", (given) => leastTrainingError(given)],
    ];
    for (const [choice, choose] of choices) {
      for (const period of PERIODS) {
        const verdicts = Array.from({ length: rounds }, (_, i) => {
          const seed = MARGIN_SEED + 1000 * period + i;
          return beatsPersistence(choose(seasonalSeries(period, seed).given, period), period, seed);
        });
        report({ choice, judge: `beatsPersistence, season ${period}`, passed: verdicts.filter((v) => v.passed).length, rounds });
      }
    }
  },
};

/** Held-out error ratios of `choose`'s lookback on `runs` draws of every season. */
function seasonalDraws(runs: number, seed0: number, choose: (given: number[], period: number) => number): number[] {
  return PERIODS.flatMap((period) =>
    Array.from({ length: runs }, (_, i) => {
      const { given, future } = seasonalSeries(period, seed0 + 1000 * period + i);
      const errors = heldOutErrors(given, future, choose(given, period));
      return errors.model / errors.persistence;
    }),
  );
}

/** The classic mistake: the lookback whose model fits its own data best (the longest tried, nearly always). */
function leastTrainingError(given: number[]): number {
  let best = { L: 2, error: Infinity };
  for (let L = 2; L <= Math.floor(given.length / 4); L++) {
    const windows = anchoredWindows(historyWindows(given, L));
    const error = meanSquaredError(fitLinear(windows).predict(windows), windows);
    if (error < best.error) best = { L, error };
  }
  return best.L;
}

const truncation: Calibration = {
  exercise: "ex10-truncation",
  key: "loss",
  scoreName: "loss on fresh sequences",
  quantile: 0.9,
  reference: async (runs) => ({ what: "reference truncation", scores: await repeat(runs, (i) => trainEcho(smallestTruncation(), CALIBRATION_SEED + i)) }),
  wrong: async (runs) => ({ what: "truncation one step shorter", scores: await repeat(runs, (i) => trainEcho(smallestTruncation() - 1, CALIBRATION_SEED + 500 + i)) }),
  margins: async (rounds, report) => {
    for (const k of [5, 6, 7, 8, 12]) {
      report(await passRate(`k = ${k}`, "learnsEcho (public)", rounds, (i) => learnsEcho(k, MARGIN_SEED + 10 * i)));
      report(await passRate(`k = ${k}`, "smallestThatLearns (hidden)", rounds, (i) => smallestThatLearns(k, MARGIN_SEED + 10 * i)));
    }
  },
};

const forgetGate: Calibration = {
  exercise: "ex13-forget-bias",
  key: "loss",
  scoreName: "loss on fresh sequences",
  quantile: 0.9,
  reference: async (runs) => ({ what: "reference bias", scores: await repeat(runs, (i) => trainRecall(forgetBias(), CALIBRATION_SEED + i)) }),
  wrong: async (runs) => ({ what: "bias 0 (PyTorch's initialisation)", scores: await repeat(runs, (i) => trainRecall(0, CALIBRATION_SEED + 500 + i)) }),
  margins: async (rounds, report) => {
    for (const bias of [0, 1, 2, 3, 4, 5, 6, 8, 12]) report(await passRate(`bias ${bias}`, "solvesRecall", rounds, (i) => solvesRecall(bias, MARGIN_SEED + 10 * i)));
  },
};

export const CALIBRATIONS = [lookback, truncation, forgetGate];

/** `run(0)`, `run(1)`, ... one after the other (each trains a network: two at once would only share a core). */
async function repeat<T>(count: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < count; i++) results.push(await run(i));
  return results;
}

async function passRate(choice: string, judge: string, rounds: number, verdict: (i: number) => Promise<Verdict>): Promise<MarginRow> {
  return { choice, judge, passed: (await repeat(rounds, verdict)).filter((v) => v.passed).length, rounds };
}
