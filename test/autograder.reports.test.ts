import { describe, expect, it } from "vitest";
import { Allowance, MAX_CASE_CHARS, clip, grade, listed } from "../autograder/core";
import type { SubmissionResult } from "../autograder/grade";
import { gradebookCsv, gradebookRow } from "../autograder/report/csv";
import { gradescopeResults } from "../autograder/report/gradescope";
import { instructorReport } from "../autograder/report/instructor";
import { junitXml } from "../autograder/report/junit";
import { markdownSummary } from "../autograder/report/markdown";

const result: SubmissionResult = {
  name: "=HYPERLINK(\"x\")",
  score: 2,
  maxScore: 6,
  seconds: 1.25,
  isolation: "bubblewrap and Node's permission model",
  notes: ["not graded: exercises/ex01-lookback/leak.json (a symbolic link to /etc/passwd, outside the submission)"],
  exercises: [
    {
      id: "ex01-lookback",
      title: "Lookback | windows",
      points: 2,
      maxPoints: 6,
      outcomes: [
        { id: "ok", passed: true, points: 2, maxPoints: 2, message: "called   f(1)", problem: "", hidden: false },
        {
          id: "wrong",
          passed: false,
          points: 0,
          maxPoints: 1,
          message: "called   f(<1>)\nproblem  expected \"a\" & got \u0000 ```\nhint     compare with the lecture",
          problem: "expected \"a\" & got \u0000 ```",
          hidden: false,
        },
        { id: "hidden-1", passed: false, points: 0, maxPoints: 3, message: "failed", problem: "failed", hidden: true, instructor: { id: "secret-edge-case", message: "called   f(0)\nproblem  f threw Error: boom" } },
      ],
    },
  ],
};

describe("autograder reports", () => {
  it("results.json follows Gradescope's schema, one test per case", () => {
    const json = gradescopeResults(result);
    expect(json.score).toBe(2);
    expect(json.tests.map((t) => [t.name, t.score, t.max_score, t.visibility])).toEqual([
      ["ex01-lookback › ok", 2, 2, "visible"],
      ["ex01-lookback › wrong", 0, 1, "visible"],
      ["ex01-lookback › hidden-1", 0, 3, "visible"],
    ]);
    expect(json.tests[2].output).toBe("failed");
    expect(json.output).toContain("not graded: exercises/ex01-lookback/leak.json");
    expect(json.output).toContain("Isolation: bubblewrap");
  });

  it("JUnit XML escapes what students print and counts failures", () => {
    const xml = junitXml(result);
    expect(xml).toMatch(/<testsuites name="=HYPERLINK\(&quot;x&quot;\)" tests="3" failures="2"/);
    expect(xml).toContain("f(&lt;1&gt;)");
    expect(xml).toContain("&quot;a&quot; &amp; got");
    expect(xml).not.toContain("\u0000");
    expect(xml.match(/<failure /g)).toHaveLength(2);
    // The failure's message is the problem, not the hint; hidden cases say only "failed".
    expect(xml).toContain('<failure message="expected &quot;a&quot; &amp; got  ```">');
    expect(xml).toContain('<failure message="failed">');
  });

  it("the Markdown summary explains public failures and only names hidden ones", () => {
    const md = markdownSummary(result);
    expect(md).toContain("## Autograder: 2 / 6 points");
    expect(md).toContain("| ex01-lookback: Lookback \\| windows | 2 / 6 | 1 / 3 |");
    expect(md).toContain("problem  expected");
    expect(md.match(/```/g)).toHaveLength(4); // the notes' fence and the failure's; a student's own ``` cannot close one early
    expect(md).toContain("- hidden case `hidden-1` failed (3 pt)");
  });

  it("names a hidden case and its feedback only in the instructor's report", () => {
    for (const student of [JSON.stringify(gradescopeResults(result)), junitXml(result), markdownSummary(result)]) {
      expect(student).not.toContain("secret-edge-case");
      expect(student).not.toContain("boom");
    }
    const instructor = instructorReport(result)!;
    expect(instructor).toContain("| ex01-lookback | hidden-1 | secret-edge-case | 0 / 3 | failed |");
    expect(instructor).toContain("problem  f threw Error: boom");
    expect(instructorReport({ ...result, exercises: [{ ...result.exercises[0], outcomes: result.exercises[0].outcomes.filter((o) => !o.hidden) }] })).toBeUndefined();
  });

  it("the gradebook is CSV a spreadsheet cannot execute", () => {
    expect(gradebookCsv([gradebookRow(result)], ["ex01-lookback"])).toBe('submission,score,max_score,ex01-lookback\n"\'=HYPERLINK(""x"")",2,6,2\n');
  });
});

describe("what a report keeps of a student's text", () => {
  it("cuts a text once, saying how much is left out; listed names too", () => {
    expect(clip("abc", 3)).toBe("abc");
    const cut = clip("x".repeat(10), 4);
    expect(cut).toBe("xxxx… [truncated: 6 more characters]");
    expect(clip(cut, 4)).toBe(cut); // cut already (by the sandbox's runner, say): kept as it is
    expect(clip(`${"y".repeat(100)}… [truncated: 6 more characters]`, 4)).toBe("yyyy… [truncated: 128 more characters]");
    expect(listed(["a", "b", "c"], 2)).toBe("a, b, … [1 more]");
    expect(listed(["a"], 2, 5)).toBe("a, … [5 more]");
  });

  it("caps one case's whole feedback, and an allowance the rest", () => {
    const meta = { id: "ex00", title: "t", module: "m", functions: ["f"], lecture: "", libraryImports: [] };
    const c = { id: "c", fn: "f", args: [], points: 1, hint: "h".repeat(3000) };
    const outcome = grade(meta, c, 1, { kind: "error", name: "E", message: "m".repeat(5000) });
    expect(outcome.message.length).toBeLessThan(MAX_CASE_CHARS + 64);
    expect(outcome.message).toMatch(/h… \[truncated: \d+ more characters\]$/);
    const allowance = new Allowance(10, "this exercise");
    expect(allowance.take("12345")).toBe("12345");
    expect(allowance.take("6789012")).toBe("67890… [feedback truncated: this exercise's feedback is limited to 10 characters]");
    expect(allowance.take("x")).toBe("[feedback truncated: this exercise's feedback is limited to 10 characters]");
  });
});
