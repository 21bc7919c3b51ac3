/**
 * The runner's settings, kept in one file at the project root (nbmake-ts.config.json) so instructors tune them
 * in one place: number tolerances, the per-cell timeout, and the sanitiser rules that remove volatile text
 * (timings, dates, paths, banners) before outputs are compared. A notebook may override the timeout and
 * the tolerances in its metadata (`metadata.nbmake_ts`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ArgumentError } from "../../../src/errors";

export interface Tolerance {
  /** |a - b| <= absolute + relative * |b| */
  relative: number;
  absolute: number;
}

export interface SanitizeRule {
  pattern: string;
  replacement: string;
  flags?: string;
  why?: string;
}

export interface Config {
  tolerance: Tolerance;
  /** Seconds one cell may run before it is interrupted and the notebook fails. */
  timeout: number;
  sanitize: SanitizeRule[];
}

export const CONFIG_FILE = "nbmake-ts.config.json";

export const DEFAULT_CONFIG: Config = { tolerance: { relative: 1e-6, absolute: 1e-9 }, timeout: 120, sanitize: [] };

/** The project's config file merged over the defaults; the defaults alone when there is no file. */
export function loadConfig(root: string): Config {
  const path = join(root, CONFIG_FILE);
  if (!existsSync(path)) return DEFAULT_CONFIG;
  let parsed: Partial<Config>;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ArgumentError(path, "a JSON file", (error as Error).message);
  }
  return withOverrides(DEFAULT_CONFIG, parsed, path);
}

/** `base` with the fields of `overrides` that are set, each checked. */
export function withOverrides(base: Config, overrides: Partial<Config> | undefined, where: string): Config {
  const config = { ...base, ...overrides, tolerance: { ...base.tolerance, ...overrides?.tolerance } };
  checkNumber(config.timeout, `${where}: timeout`);
  checkNumber(config.tolerance.relative, `${where}: tolerance.relative`);
  checkNumber(config.tolerance.absolute, `${where}: tolerance.absolute`);
  if (!Array.isArray(config.sanitize)) throw new ArgumentError(`${where}: sanitize`, "an array of {pattern, replacement} rules", config.sanitize);
  config.sanitize.forEach((rule, index) => checkRule(rule, `${where}: sanitize[${index}]`));
  return config;
}

function checkNumber(value: unknown, argument: string): void {
  if (typeof value !== "number" || !(value >= 0)) throw new ArgumentError(argument, "a number >= 0", value);
}

function checkRule(rule: SanitizeRule, argument: string): void {
  if (typeof rule?.pattern !== "string" || typeof rule.replacement !== "string") {
    throw new ArgumentError(argument, "an object {pattern: string, replacement: string, flags?: string}", rule);
  }
  try {
    new RegExp(rule.pattern, rule.flags ?? "g");
  } catch (error) {
    throw new ArgumentError(`${argument}.pattern`, "a valid regular expression", rule.pattern, (error as Error).message);
  }
}

/** Applies every rule in order, each to the whole text (flags default to "g"). */
export function sanitize(text: string, rules: SanitizeRule[]): string {
  return rules.reduce((out, rule) => out.replace(new RegExp(rule.pattern, rule.flags ?? "g"), rule.replacement), text);
}
