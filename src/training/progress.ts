/**
 * Live progress for long loops. Inside a tslab notebook it is ONE output updated in place
 * (plots/display.ts); elsewhere (scripts, tests, CI) each committed line is printed once. `verbose:
 * false` shows nothing anywhere.
 */
import { inKernel, liveDisplay } from "../plots/display";

export class Progress {
  private display: ReturnType<typeof liveDisplay> | null = null;
  private readonly live = inKernel();
  private lastShown = -Infinity;
  private shown = "";

  constructor(
    private readonly verbose = true,
    private readonly intervalMs = 250,
  ) {}

  /**
   * In a notebook, at most once per interval: shows `text` in the live output (unless verbose is
   * off) and returns true, to say "await `nextTick()` now": the kernel can then send the output and
   * hear an interrupt. Elsewhere it shows nothing and returns false.
   */
  update(text: string): boolean {
    if (!this.live || Date.now() - this.lastShown < this.intervalMs) return false;
    if (this.verbose) this.show(text);
    this.lastShown = Date.now();
    return true;
  }

  /** Shows `text` now: replaces the live output in a notebook, prints it as a line elsewhere. */
  commit(text: string): void {
    if (!this.verbose) return;
    if (this.live) this.show(text);
    else console.log(text);
  }

  /** Adds `text` under the live output in a notebook; prints it as a line elsewhere. */
  note(text: string): void {
    if (!this.verbose) return;
    if (this.live) this.show(this.shown ? `${this.shown}\n${text}` : text);
    else console.log(text);
  }

  private show(text: string): void {
    this.shown = text;
    this.display ??= liveDisplay();
    this.display({ "text/plain": text });
    this.lastShown = Date.now();
  }
}

/** Elapsed time and an estimate of the time left, from the steps done so far. */
export class Clock {
  private readonly start = Date.now();
  private done = 0;

  constructor(private readonly totalSteps: number) {}

  tick(): void {
    this.done++;
  }

  toString(): string {
    const elapsed = Date.now() - this.start;
    const left = (elapsed / Math.max(this.done, 1)) * (this.totalSteps - this.done);
    return `elapsed ${formatDuration(elapsed)}  ETA ${formatDuration(left)}`;
  }
}

/**
 * Lets pending I/O (a notebook display update) go out before the next chunk of synchronous work.
 */
export function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** 1234 ms → "1.2s", 75 s → "1m 15s", 4000 s → "1h 06m". */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(1)}s`;
  const pad = (n: number) => String(Math.floor(n)).padStart(2, "0");
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${pad((s % 3600) / 60)}m`;
}

/** Four significant digits; small losses in exponent form (3.704e-6) rather than a row of zeros. */
export function formatLoss(loss: number): string {
  return loss !== 0 && Math.abs(loss) < 1e-3 ? loss.toExponential(3) : loss.toPrecision(4);
}
