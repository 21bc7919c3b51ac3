import { describe, expect, it } from "vitest";
import { compare, decode, encode } from "../autograder/core";

describe("compare", () => {
  it("accepts values within rtol/atol and names the first differing index otherwise", () => {
    expect(compare([[1, 2], [3, 4]], [[1, 2], [3, 4 + 1e-7]], 1e-5, 1e-6).ok).toBe(true);
    const r = compare([[1, 2], [3, 4]], [[1, 2.5], [3, 4.1]], 1e-5, 1e-6);
    expect(r.ok).toBe(false);
    expect(r.message).toContain("[0][1]: expected 2, got 2.5");
    expect(r.message).toContain("2 values differ");
  });

  it("reports the shape before any value", () => {
    expect(compare([[1, 2], [3, 4]], [[1, 2]], 1e-5, 1e-6).message).toContain("expected [2, 2], got [1, 2]");
    expect(compare([1, 2], 3, 1e-5, 1e-6).message).toContain("expected an array of shape [2], got the number 3");
    expect(compare({ h: [1], c: [2] }, { h: [1] }, 1e-5, 1e-6).message).toContain('missing field "c"');
    expect(compare([1], undefined, 1e-5, 1e-6).message).toContain("return");
  });

  it("never matches NaN, NaN included, unless the case declares that it expects NaN", () => {
    expect(compare([1, 2], [1, NaN], 1e-5, 1e-6).message).toContain("expected 2, got NaN");
    expect(compare([NaN], [NaN], 1e-5, 1e-6).ok).toBe(false);
    expect(compare([NaN, 1], [NaN, 1], 1e-5, 1e-6, true).ok).toBe(true);
    expect(compare([NaN], [0], 1e-5, 1e-6, true).ok).toBe(false);
  });
});

describe("encode", () => {
  it("keeps NaN, infinities and undefined, and turns typed arrays into arrays", () => {
    const back = decode(encode({ a: [NaN, -Infinity, 1], b: new Float64Array([0.5, 2]), c: undefined })) as Record<string, unknown>;
    expect(back.a).toEqual([NaN, -Infinity, 1]);
    expect(back.b).toEqual([0.5, 2]);
    expect("c" in back).toBe(false);
  });
});
