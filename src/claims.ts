/**
 * A claim the prose of a notebook makes about a result ("the LSTM ends below persistence", "ℓ = 4
 * ranks first"), stated in code next to the numbers it rests on:
 *
 *   claim("the two-value model beats persistence", mse2 < persistenceMse, { model: mse2, persistence: persistenceMse });
 *
 * When it holds, one line is printed: "✓ the two-value model beats persistence (model 2.87e-6,
 * persistence 0.0079)". The line is part of the stored output, so re-running the notebook as a
 * regression test (nbmake-ts) also checks that the prose and its numbers still agree. When it does
 * not hold, it throws, naming the statement and the numbers, and the notebook fails: text that a
 * new run contradicts cannot go unnoticed.
 */
import { check } from "./errors";

/** The numbers (or short words) a claim rests on, by name, printed with it. */
export type Evidence = Record<string, number | string>;

/**
 * Checks a claim: prints "✓ statement (evidence)" if `holds`, throws an Error naming both if not.
 */
export function claim(statement: string, holds: boolean, evidence: Evidence = {}): void {
  check(
    typeof statement === "string" && statement.trim() !== "",
    "statement",
    "a sentence saying what holds",
    statement,
  );
  check(
    typeof holds === "boolean",
    "holds",
    "true or false (the comparison that checks the statement)",
    holds,
  );
  check(
    typeof evidence === "object" && evidence !== null && !Array.isArray(evidence),
    "evidence",
    "an object of named numbers",
    evidence,
  );
  for (const [name, value] of Object.entries(evidence)) {
    check(
      typeof value === "string" || typeof value === "number",
      `evidence.${name}`,
      "a number or a string",
      value,
    );
  }
  const numbers = Object.entries(evidence)
    .map(([name, value]) => `${name} ${formatEvidence(value)}`)
    .join(", ");
  const line = numbers ? `${statement} (${numbers})` : statement;
  if (!holds) throw new Error(`Claim does not hold: ${line}`);
  console.log(`✓ ${line}`);
}

/**
 * Integers as they are; other numbers with 4 significant digits (0.0031, 355.1, 0.9427), very small
 * or large ones in exponent form (2.87e-6), as the notebooks print them.
 */
export function formatEvidence(value: number | string): string {
  if (typeof value === "string" || !Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (Number.isInteger(value) && size < 1e6) return String(value);
  if (size >= 1e-3 && size < 1e5) return String(Number(value.toPrecision(4)));
  return value.toExponential(2).replace("e+", "e");
}
