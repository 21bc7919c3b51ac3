/**
 * A command that runs sandboxes, stopped by Ctrl+C, SIGTERM or SIGHUP: it stops every sandbox and grading
 * worker and removes its scratch folder (Node's default death by a signal would skip all three), says so
 * when given a message, and exits with the shell's code for that signal.
 */
import { stopWorkers } from "../workers";
import { stopAll } from "./process";
import { removeScratch } from "./scratch";

export function stopOnSignals(message?: (signal: NodeJS.Signals) => string): void {
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
    process.once(signal, () => {
      stopAll();
      removeScratch();
      void stopWorkers(signal).then(() => {
        if (message) console.error(message(signal));
        process.exit(code);
      });
    });
  }
}
