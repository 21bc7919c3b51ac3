/**
 * JSON that keeps what a student's wrong answer may contain: NaN, ±Infinity, undefined and typed arrays
 * (plain JSON turns NaN into null and a Float64Array into an object with numbered keys).
 */

const TAG = "$special";

/** `JSON.stringify` with NaN, ±Infinity and undefined kept; typed arrays become plain arrays. */
export function encode(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) return { [TAG]: String(v) };
    if (v === undefined) return { [TAG]: "undefined" };
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  }, indent);
}

/** The inverse of `encode`. */
export function decode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === "object" && v !== null && TAG in v) {
      const special = (v as Record<string, string>)[TAG];
      return special === "undefined" ? undefined : Number(special);
    }
    return v;
  });
}
