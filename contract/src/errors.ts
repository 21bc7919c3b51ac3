/**
 * The one error type for bad input, shared by the course library and its fast path, so that every
 * message reads the same way, "<argument>: expected <what>, received <what came>", and every such
 * error is an instance of this one class, whichever package threw it.
 */
export class ArgumentError extends Error {
  constructor(
    readonly argument: string,
    readonly expected: string,
    readonly received: unknown,
    hint?: string,
  ) {
    super(
      `${argument}: expected ${expected}, received ${describe(received)}${hint ? `. ${hint}` : ""}`,
    );
    this.name = "ArgumentError";
  }
}

/** Throws an ArgumentError unless `ok` holds. */
export function check(
  ok: boolean,
  argument: string,
  expected: string,
  received: unknown,
  hint?: string,
): asserts ok {
  if (!ok) throw new ArgumentError(argument, expected, received, hint);
}

/** A short, human description of any value, for error messages. */
export function describe(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? value.slice(0, 57) + "..." : value);
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value) && "length" in value)
    return `${value.constructor.name} of length ${(value as Float32Array).length}`;
  if (Array.isArray(value)) {
    const head = value.slice(0, 4).map(describe).join(", ");
    return `an array of length ${value.length}${value.length ? ` [${head}${value.length > 4 ? ", ..." : ""}]` : ""}`;
  }
  if (
    typeof value === "object" &&
    "shape" in value &&
    Array.isArray((value as { shape: unknown }).shape)
  ) {
    return `a tensor of shape [${(value as { shape: number[] }).shape.join(", ")}]`;
  }
  if (typeof value === "object")
    return `an object with keys {${Object.keys(value as object)
      .slice(0, 6)
      .join(", ")}}`;
  return typeof value;
}
