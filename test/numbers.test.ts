import { describe, expect, it } from "vitest";
import { ArgumentError, formatNumber, formatVector } from "../src";

describe("formatNumber", () => {
  it("prints a fixed number of digits, 4 by default", () => {
    expect(formatNumber(0.12533)).toBe("0.1253");
    expect(formatNumber(-1.5, 2)).toBe("-1.50");
    expect(formatNumber(2, 0)).toBe("2");
  });

  it("never prints a negative zero: a value that rounds to zero has no sign", () => {
    expect(formatNumber(-0.00004)).toBe("0.0000");
    expect(formatNumber(-0)).toBe("0.0000");
    expect(formatNumber(-0.4, 0)).toBe("0");
    expect(formatNumber(-0.00005)).toBe("-0.0001");
  });

  it("names a bad argument", () => {
    expect(() => formatNumber("1" as never)).toThrow(ArgumentError);
    expect(() => formatNumber(1, 1.5)).toThrow("digits: expected an integer from 0 to 100, received 1.5");
  });
});

describe("formatVector", () => {
  it("prints any array of numbers in brackets, each entry as formatNumber does", () => {
    expect(formatVector([0.12533, -0.12533])).toBe("[0.1253, -0.1253]");
    expect(formatVector(Float32Array.from([1, -0.00001]), 2)).toBe("[1.00, 0.00]");
    expect(formatVector([])).toBe("[]");
  });

  it("names a bad argument", () => {
    expect(() => formatVector(3 as never)).toThrow("values: expected an array of numbers, received 3");
  });
});
