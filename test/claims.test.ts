import { afterEach, describe, expect, it, vi } from "vitest";
import { ArgumentError, claim } from "../src";
import { formatEvidence } from "../src/claims";

describe("claim", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints one line with the statement and its evidence when it holds", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    claim("l = 4 ranks first", true, { "l = 4": 0.0031, "l = 1": 0.004234, updates: 160 });
    claim("the gradient reaches W_hh", true);
    expect(log.mock.calls).toEqual([["✓ l = 4 ranks first (l = 4 0.0031, l = 1 0.004234, updates 160)"], ["✓ the gradient reaches W_hh"]]);
  });

  it("throws, naming the statement and the evidence, when it does not hold", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => claim("the memory gets no gradient", false, { norm: 0.25 })).toThrow(
      new Error("Claim does not hold: the memory gets no gradient (norm 0.25)"),
    );
    expect(log).not.toHaveBeenCalled();
  });

  it("formats numbers as the notebooks print them", () => {
    expect([0.0031, 0.00312345, 355.0612, 0.94271, -0.5].map(formatEvidence)).toEqual(["0.0031", "0.003123", "355.1", "0.9427", "-0.5"]);
    expect([1592, 0, 2.87e-6, 1.5e7, 123456.7, NaN, Infinity].map(formatEvidence)).toEqual(["1592", "0", "2.87e-6", "1.50e7", "1.23e5", "NaN", "Infinity"]);
    expect(formatEvidence("ℓ = 4")).toBe("ℓ = 4");
  });

  it("refuses a claim that cannot be checked: no statement, a condition that is not a boolean, bad evidence", () => {
    expect(() => claim("", true)).toThrow(ArgumentError);
    expect(() => claim("loss falls", 0.5 as never)).toThrow("holds: expected true or false (the comparison that checks the statement), received 0.5");
    expect(() => claim("loss falls", true, { loss: [1, 2] as never })).toThrow("evidence.loss: expected a number or a string");
    expect(() => claim("loss falls", true, [1] as never)).toThrow("evidence: expected an object of named numbers");
  });
});
