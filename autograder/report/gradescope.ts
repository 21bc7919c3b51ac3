/** Gradescope's autograder results.json: one test per case, the total as `score`. */
import type { SubmissionResult } from "../grade";

export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  output: string;
  visibility: "visible" | "hidden" | "after_due_date" | "after_published";
}

export interface GradescopeResults {
  score: number;
  max_score: number;
  execution_time: number;
  output: string;
  visibility: "visible";
  tests: GradescopeTest[];
}

export function gradescopeResults(result: SubmissionResult): GradescopeResults {
  const tests = result.exercises.flatMap((exercise) =>
    exercise.outcomes.map((o) => ({
      name: `${exercise.id} › ${o.id}`, // a hidden case's id is neutral ("hidden-2")
      score: o.points,
      max_score: o.maxPoints,
      output: o.message,
      visibility: "visible" as const,
    })),
  );
  return {
    score: result.score,
    max_score: result.maxScore,
    execution_time: Math.round(result.seconds),
    output: [`${result.score} / ${result.maxScore} points over ${result.exercises.length} exercises.`, ...result.notes, `Isolation: ${result.isolation}`].join("\n"),
    visibility: "visible",
    tests,
  };
}
