/**
 * Real series shipped offline with the `vega-datasets` npm package, loaded synchronously as dated
 * `Series`. Files are found with `require.resolve`, so loading works from any folder (a notebook's
 * kernel runs in the notebook's folder, not the project root).
 */
import { readFileSync } from "node:fs";
import { check } from "../errors";
import { Frequency, Series } from "./series";

/**
 * Tickers in vega-datasets' stocks.csv (monthly closing prices, Jan 2000 – Mar 2010; GOOG from Aug
 * 2004).
 */
export type Ticker = "AAPL" | "MSFT" | "IBM" | "GOOG" | "AMZN";

/** Names accepted by `loadSeries`. */
export type SeriesName =
  | "co2"
  | "co2-adjusted"
  | "sp500"
  | "global-temp"
  | "seattle-temp-max"
  | "seattle-temp-min"
  | "seattle-precipitation"
  | "seattle-wind"
  | Ticker;

interface Source {
  file: string;
  date: string;
  value: string;
  unit: string;
  frequency: Exclude<Frequency, "irregular">;
  /** Keep only rows whose `symbol` column equals this (stocks.csv holds several tickers). */
  symbol?: string;
}

const stock = (symbol: Ticker): Source => ({
  file: "stocks.csv",
  date: "date",
  value: "price",
  unit: "USD",
  frequency: "monthly",
  symbol,
});
const seattle = (value: string, unit: string): Source => ({
  file: "seattle-weather.csv",
  date: "date",
  value,
  unit,
  frequency: "daily",
});

const sources: Record<SeriesName, Source> = {
  // Mauna Loa monthly mean CO2, Mar 1958 – Apr 2020; "adjusted" has the seasonal cycle removed.
  co2: {
    file: "co2-concentration.csv",
    date: "Date",
    value: "CO2",
    unit: "ppm",
    frequency: "monthly",
  },
  "co2-adjusted": {
    file: "co2-concentration.csv",
    date: "Date",
    value: "adjusted CO2",
    unit: "ppm",
    frequency: "monthly",
  },
  sp500: {
    file: "sp500.csv",
    date: "date",
    value: "price",
    unit: "index points",
    frequency: "monthly",
  },
  "global-temp": {
    file: "global-temp.csv",
    date: "year",
    value: "temp",
    unit: "°C anomaly",
    frequency: "yearly",
  },
  "seattle-temp-max": seattle("temp_max", "°C"),
  "seattle-temp-min": seattle("temp_min", "°C"),
  "seattle-precipitation": seattle("precipitation", "mm"),
  "seattle-wind": seattle("wind", "m/s"),
  AAPL: stock("AAPL"),
  MSFT: stock("MSFT"),
  IBM: stock("IBM"),
  GOOG: stock("GOOG"),
  AMZN: stock("AMZN"),
};

/** Every name `loadSeries` accepts. */
export const seriesNames = Object.keys(sources) as SeriesName[];

/**
 * Loads a real series by name, synchronously: `loadSeries("co2")`, `loadSeries("AAPL")`.
 * Dates are UTC midnights. Months missing from the source (co2 lacks 5, all before 1965) are filled
 * by linear interpolation between their neighbours and listed in `interpolated`, so positions stay
 * evenly spaced (one per month/day/year) — which windows, lags and seasonal periods rely on.
 */
export function loadSeries(name: SeriesName): Series {
  check(Object.hasOwn(sources, name), "name", `one of ${seriesNames.join(", ")}`, name);
  const source = sources[name];
  const rows = readCsv(require.resolve(`vega-datasets/data/${source.file}`)).filter(
    (row) => source.symbol === undefined || row.symbol === source.symbol,
  );
  const dates = rows.map((row) => parseDate(row[source.date]));
  const values = rows.map((row) => Number(row[source.value]));
  return {
    name,
    unit: source.unit,
    frequency: source.frequency,
    ...fillGaps(dates, values, source.frequency),
  };
}

/** Rows of a simple CSV file (no quoted commas), as objects keyed by the header. */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const columns = header.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((column, i) => [column, cells[i]]));
  });
}

const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "1958-03-01", "Jan 1 2000" or "1880" as a UTC date. */
function parseDate(text: string): Date {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3]));
  const named = /^([A-Za-z]{3}) (\d{1,2}) (\d{4})$/.exec(text);
  if (named)
    return new Date(Date.UTC(+named[3], months.indexOf(named[1].toLowerCase()), +named[2]));
  if (/^\d{4}$/.test(text)) return new Date(Date.UTC(+text, 0, 1));
  throw new Error(`Unrecognised date "${text}" in a bundled data file`);
}

/** The date one step after `date`. */
function nextDate(date: Date, frequency: Exclude<Frequency, "irregular">): Date {
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  if (frequency === "daily") return new Date(Date.UTC(y, m, d + 1));
  if (frequency === "monthly") return new Date(Date.UTC(y, m + 1, d));
  return new Date(Date.UTC(y + 1, m, d));
}

/** Evenly spaced dates from first to last; values of missing dates interpolated linearly. */
function fillGaps(dates: Date[], values: number[], frequency: Exclude<Frequency, "irregular">) {
  const filled: { dates: Date[]; values: number[]; interpolated: number[] } = {
    dates: [dates[0]],
    values: [values[0]],
    interpolated: [],
  };
  for (let i = 1; i < dates.length; i++) {
    const missing: Date[] = [];
    for (let d = nextDate(dates[i - 1], frequency); d < dates[i]; d = nextDate(d, frequency))
      missing.push(d);
    missing.forEach((date, k) => {
      filled.interpolated.push(filled.dates.length);
      filled.dates.push(date);
      filled.values.push(
        values[i - 1] + ((k + 1) / (missing.length + 1)) * (values[i] - values[i - 1]),
      );
    });
    filled.dates.push(dates[i]);
    filled.values.push(values[i]);
  }
  return {
    dates: filled.dates,
    values: Float64Array.from(filled.values),
    interpolated: filled.interpolated,
  };
}
