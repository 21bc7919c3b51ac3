/**
 * Normalisation, fitted on the training part only. Its statistics (mean and std, or min and max)
 * come from the past; using the whole series would leak the future's level and spread into
 * training. The same fitted normaliser then transforms validation and test, and `inverse` maps
 * predictions back to the original units for plotting.
 */
import { check } from "../errors";
import { SameKind, SeriesLike, valuesOf, withValues } from "./series";
import { max, mean, min, std } from "../analysis/stats";

/**
 * "standard": (x - mean) / std (population std). "minmax": (x - min) / (max - min), into [0, 1] on
 * the training part.
 */
export type NormalizerKind = "standard" | "minmax";

/** A fitted affine map x ↦ (x - shift) / scale and its inverse. */
export interface Normalizer {
  kind: NormalizerKind;
  /** Mean (standard) or minimum (minmax) of the training values. */
  shift: number;
  /** Std (standard) or max - min (minmax) of the training values; 1 if they were all equal. */
  scale: number;
  /** (x - shift) / scale, for every value; same kind of series back. */
  transform<S extends SeriesLike>(series: S): SameKind<S>;
  /**
   * x · scale + shift: predictions back in original units. Takes any array (e.g. `await
   * tensor.data()`).
   */
  inverse<S extends SeriesLike>(series: S): SameKind<S>;
}

/** Fits a normaliser on `train` (the training part of a split, not the whole series). */
export function fitNormalizer(train: SeriesLike, kind: NormalizerKind = "standard"): Normalizer {
  const values = valuesOf(train, "train");
  check(kind === "standard" || kind === "minmax", "kind", '"standard" or "minmax"', kind);
  const shift = kind === "standard" ? mean(values) : min(values);
  const spread = kind === "standard" ? std(values) : max(values) - shift;
  // A constant training part has no spread; dividing by 1 keeps the map invertible.
  const scale = spread > 0 ? spread : 1;
  const map = <S extends SeriesLike>(series: S, f: (v: number) => number, argument: string) =>
    withValues(series, valuesOf(series, argument).map(f));
  return {
    kind,
    shift,
    scale,
    transform: (series) => map(series, (v) => (v - shift) / scale, "series"),
    inverse: (series) => map(series, (v) => v * scale + shift, "series"),
  };
}
