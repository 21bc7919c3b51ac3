/**
 * The references of judged cases. Their answer is not compared with the solution's, so the bundle holds none
 * (null: the solution's answer to a choice would be the answer itself). Instead the solution's answer must
 * pass its own judge, on the very inputs the grader will use, or the build stops: a bundle never holds a case
 * the solution fails.
 */
import type { Case, CallResult, Meta } from "../core";
import { isVerdict } from "../core";
import { experimentLimits, runExperiment } from "../judge";
import type { Isolation } from "../sandbox/isolation";
import { describeFailure } from "../sandbox/child";
import type { ExperimentFiles } from "./bundle";
import { solutionLimits } from "./solve";

/**
 * `answers` (the solution's, in the order of `cases`) with every judged case's answer replaced by null, after
 * checking (unless `check` is false) that each passes its judge.
 */
export async function judgedReferences(meta: Meta, cases: Case[], answers: unknown[], experiment: ExperimentFiles | undefined, root: string, isolation: Isolation, check = true): Promise<unknown[]> {
  const judged = cases.flatMap((c, i) => (c.judge ? [i] : []));
  if (!judged.length) return answers;
  if (!experiment) throw new Error(`${meta.id}: case "${cases[judged[0]].id}" is judged, but the exercise has no experiment.ts`);
  if (check) await checkJudged(meta, cases, judged, answers, experiment, root, isolation);
  return answers.map((answer, i) => (cases[i].judge ? null : answer));
}

async function checkJudged(meta: Meta, cases: Case[], judged: number[], answers: unknown[], experiment: ExperimentFiles, root: string, isolation: Isolation): Promise<void> {
  const calls = judged.map((i) => ({ id: cases[i].id, fn: cases[i].judge!.fn, args: [answers[i], ...cases[i].judge!.args] }));
  const verdicts = await runExperiment(meta, experiment, calls, experimentLimits(meta, solutionLimits(isolation)), root);
  verdicts.forEach((verdict, k) => {
    const problem = failure(verdict);
    if (problem) throw new Error(`${meta.id}: the solution fails its own judge on case "${calls[k].id}": ${problem}`);
  });
}

function failure(verdict: CallResult): string {
  if (verdict.kind !== "value") return `${verdict.kind} ${describeFailure(verdict)}`;
  if (!isVerdict(verdict.value)) return `the judge returned ${JSON.stringify(verdict.value)}, not { passed, message }`;
  return verdict.value.passed ? "" : verdict.value.message;
}
