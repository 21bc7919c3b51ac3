/** JUnit XML, which CI systems show as a test report: one suite per exercise, one test case per case. */
import type { SubmissionResult } from "../grade";

export function junitXml(result: SubmissionResult): string {
  const suites = result.exercises.map((exercise) => {
    const failures = exercise.outcomes.filter((o) => !o.passed).length;
    const cases = exercise.outcomes.map((o) => {
      const name = `${o.id} (${o.points}/${o.maxPoints})`;
      const open = `    <testcase classname="${xml(exercise.id)}" name="${xml(name)}"`;
      if (o.passed) return `${open}/>`;
      return `${open}>\n      <failure message="${xml(o.problem.split("\n")[0])}">${xml(o.message)}</failure>\n    </testcase>`;
    });
    return [
      `  <testsuite name="${xml(`${exercise.id}: ${exercise.title}`)}" tests="${exercise.outcomes.length}" failures="${failures}">`,
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  const failures = result.exercises.reduce((n, e) => n + e.outcomes.filter((o) => !o.passed).length, 0);
  const tests = result.exercises.reduce((n, e) => n + e.outcomes.length, 0);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(result.name)}" tests="${tests}" failures="${failures}" time="${result.seconds.toFixed(1)}">`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
}

/** Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot hold. */
function xml(text: string): string {
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
