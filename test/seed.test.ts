import { describe, expect, it } from "vitest";
import { random, seed, shuffle } from "../src/seed";
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
