/**
 * What GitHub Classroom's reporter action, classroom-resources/autograding-grading-reporter v1 (commit
 * d13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca), computes from its input `runners` and its environment, written
 * again from its source (src/main.js, src/notify-classroom.js, src/helpers/test-helpers.js) so that tests
 * can check what a workflow hands it without GitHub:
 * - each name in `runners` (split at commas, trimmed) names the environment variable <NAME>_RESULTS (upper
 *   case), base64 of a JSON result { status, max_score, tests: [{ name, status, score }] };
 * - Classroom receives the notice "Points <total>/<max>": the sum of every test's `score` and of every
 *   `max_score`, over the runners whose max_score is not 0;
 * - the step fails when a runner's status is "fail" or "error";
 * - its log table shows per runner (tests passed / tests) × max_score.
 */

export interface ReporterResult {
  status: string;
  max_score: number;
  tests: { name: string; status: string; score: number }[];
}

export interface Reported {
  runners: { runner: string; results: ReporterResult; points: number; tablePoints: number }[];
  /** What the annotation Classroom reads says. */
  totalPoints: number;
  maxPoints: number;
  failed: boolean;
}

export function reporter(runnersInput: string, env: Record<string, string | undefined>): Reported {
  const runners = runnersInput.split(",").map((runner) => {
    const encoded = env[`${runner.trim().toUpperCase()}_RESULTS`];
    if (encoded === undefined) throw new Error(`the reporter finds no ${runner.trim().toUpperCase()}_RESULTS (it would fail: Buffer.from(undefined))`);
    const results = JSON.parse(Buffer.from(encoded, "base64").toString("utf-8")) as ReporterResult;
    const points = results.tests.reduce((sum, test) => sum + test.score, 0);
    const passed = results.tests.filter((test) => test.status === "pass").length;
    return { runner, results, points, tablePoints: (passed / results.tests.length) * (results.max_score || 0) };
  });
  const counted = runners.filter(({ results }) => results.max_score);
  return {
    runners,
    totalPoints: counted.reduce((sum, r) => sum + r.points, 0),
    maxPoints: counted.reduce((sum, r) => sum + r.results.max_score, 0),
    failed: runners.some(({ results }) => results.status === "fail" || results.status === "error"),
  };
}
