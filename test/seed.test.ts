import { describe, expect, it } from "vitest";
import { random, seed, shuffle, uniformArray, uniformMatrix } from "../src/seed";
import { ArgumentError } from "../src/errors";

describe("seed", () => {
  it("repeats the same stream after the same seed and differs for another", () => {
    seed(42);
    const a = [random(), random(), random()];
    seed(42);
    expect([random(), random(), random()]).toEqual(a);
    seed(43);
    expect(random()).not.toEqual(a[0]);
  });

  it("shuffles deterministically and keeps every item", () => {
    seed(1);
    const a = shuffle([...Array(20).keys()]);
    seed(1);
    expect(shuffle([...Array(20).keys()])).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
    expect(a).not.toEqual([...Array(20).keys()]);
  });

  it("rejects a non-integer seed with a message naming the argument", () => {
    expect(() => seed(1.5)).toThrow(ArgumentError);
    expect(() => seed(1.5)).toThrow("seed: expected an integer, received 1.5");
  });
});

describe("uniformMatrix", () => {
  it("draws rows × cols plain numbers as uniformArray(rows * cols) would, row after row", () => {
    seed(5);
    const flat = Array.from(uniformArray(12, 0.5));
    seed(5);
    const matrix = uniformMatrix(3, 4, 0.5);
    expect(matrix).toEqual([flat.slice(0, 4), flat.slice(4, 8), flat.slice(8)]);
    expect(matrix.flat().every((v) => Math.abs(v) <= 0.5)).toBe(true);
    expect(Array.isArray(matrix[0])).toBe(true);
  });

  it("names a bad size or bound", () => {
    expect(() => uniformMatrix(0, 2, 1)).toThrow("rows: expected a positive integer, received 0");
    expect(() => uniformMatrix(2, 1.5, 1)).toThrow("cols: expected a positive integer, received 1.5");
    expect(() => uniformMatrix(2, 2, -1)).toThrow("bound: expected a finite number >= 0, received -1");
  });
});
