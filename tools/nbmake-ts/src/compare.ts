/**
 * Regression check (what nbval does for Python): a cell's fresh outputs against the ones stored in the
 * notebook. Volatile text is sanitised away first, numbers match within a tolerance, and charts compare by
 * their vega-lite spec (data, encoding...) rather than by rendered SVG/PNG bytes.
 */
import { sanitize, type Config, type Tolerance } from "./config";

export const VEGA_LITE = "application/vnd.vegalite.v5+json";
const RENDERINGS = ["image/svg+xml", "image/png"];
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

interface Item {
  label: string;
  value: unknown;
}

/** Undefined when the outputs match, else what differs first, in words. */
export function compareOutputs(stored: unknown[], fresh: unknown[], config: Config): string | undefined {
  const expected = items(stored, config);
  const actual = items(fresh, config);
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const [e, a] = [expected[i], actual[i]];
    if (!e || !a || e.label !== a.label) {
      return `expected outputs [${expected.map((item) => item.label).join(", ")}], got [${actual.map((item) => item.label).join(", ")}]`;
    }
    const difference = diff(e.value, a.value, config.tolerance, "");
    if (difference) return `${a.label}${difference}`;
  }
  return undefined;
}

/** The comparable parts of a cell's outputs: merged streams, one item per MIME type, sanitised text. */
function items(outputs: unknown[], config: Config): Item[] {
  const spec = outputs.some((output: any) => output.data?.[VEGA_LITE] !== undefined);
  const list: Item[] = [];
  for (const output of outputs as any[]) {
    if (output.output_type === "stream") {
      const last = list[list.length - 1];
      const label = `${output.name} stream`;
      if (last?.label === label) last.value += text(output.text);
      else list.push({ label, value: text(output.text) });
    } else if (output.output_type === "error") {
      list.push({ label: "error", value: `${output.ename}: ${output.evalue}` });
    } else {
      for (const mime of Object.keys(output.data ?? {}).sort()) {
        if (spec && RENDERINGS.includes(mime)) continue;
        const value = output.data[mime];
        list.push({ label: mime, value: typeof value === "string" || Array.isArray(value) ? text(value) : value });
      }
    }
  }
  const cleaned = list.map((item) => ({ ...item, value: cleanStrings(item.value, config) }));
  return cleaned.filter((item) => !item.label.endsWith("stream") || item.value !== "");
}

const text = (value: string | string[]): string => (Array.isArray(value) ? value.join("") : value);

function cleanStrings(value: unknown, config: Config): unknown {
  if (typeof value === "string") return sanitize(value, config.sanitize);
  if (Array.isArray(value)) return value.map((v) => cleanStrings(v, config));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v, config)]));
  return value;
}

/** Structural comparison: numbers within tolerance, strings by `textDiff`; names where they first differ. */
function diff(expected: unknown, actual: unknown, tolerance: Tolerance, at: string): string | undefined {
  if (typeof expected === "number" && typeof actual === "number") {
    return close(expected, actual, tolerance) ? undefined : `${at}: expected ${expected}, got ${actual}`;
  }
  if (typeof expected === "string" && typeof actual === "string") {
    const difference = textDiff(expected, actual, tolerance);
    return difference && `${at}${difference}`;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `${at}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const difference = diff(expected[i], actual[i], tolerance, `${at}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const key of keys) {
      const difference = diff(expected[key], actual[key], tolerance, `${at}.${key}`);
      if (difference) return difference;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Line by line: the words must be equal and the numbers close. */
function textDiff(expected: string, actual: string, tolerance: Tolerance): string | undefined {
  const [want, got] = [expected.split("\n"), actual.split("\n")];
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] === undefined || got[i] === undefined || !sameLine(want[i], got[i], tolerance)) {
      return ` line ${i + 1}: expected ${JSON.stringify(want[i] ?? "(no line)")}, got ${JSON.stringify(got[i] ?? "(no line)")}`;
    }
  }
  return undefined;
}

function sameLine(expected: string, actual: string, tolerance: Tolerance): boolean {
  if (expected === actual) return true;
  if (expected.replace(NUMBER, "#") !== actual.replace(NUMBER, "#")) return false;
  const [want, got] = [expected.match(NUMBER) ?? [], actual.match(NUMBER) ?? []];
  return want.every((number, i) => close(Number(number), Number(got[i]), tolerance));
}

export function close(expected: number, actual: number, { relative, absolute }: Tolerance): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  return expected === actual || Math.abs(expected - actual) <= absolute + relative * Math.abs(expected);
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
