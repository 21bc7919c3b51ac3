/**
 * How much of what a student's code produced reaches a report. A student controls every string their code
 * gives back (an error's name and message, the names it exports, a returned string, an object's keys), so
 * each is cut to a length; and the feedback as a whole is capped per case, per exercise and per submission,
 * with a note wherever something was left out. The largest real feedback is far below each cap: a case's
 * message is a few hundred characters (the README says how they were chosen).
 */

/** A name: an error's, an export's, an object's key. */
export const MAX_NAME_CHARS = 200;
/** A longer text: an error's message, a returned string. */
export const MAX_TEXT_CHARS = 2000;
/** How many names a message lists (exports, fields). */
export const MAX_LISTED = 10;
/** One case's whole feedback. */
export const MAX_CASE_CHARS = 4000;
/** All the feedback of one exercise, and of one submission (its files not graded included). */
export const MAX_EXERCISE_CHARS = 20_000;
export const MAX_SUBMISSION_CHARS = 100_000;

/** What `clip` adds; the sandbox's runner cuts a student's strings the same way before they leave it. */
const CUT = /… \[truncated: \d+ more characters\]$/;

/** `text` cut to `max` characters, saying how much was left out (a text cut already is left as it is). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = CUT.exec(text.slice(-64));
  if (cut && text.length - cut[0].length <= max) return text;
  return `${text.slice(0, max)}… [truncated: ${text.length - max} more characters]`;
}

/** The first `max` of `names`, each clipped, and how many more there were (`more` known to be left out already). */
export function listed(names: string[], max = MAX_LISTED, more = 0): string {
  const shown = names.slice(0, max).map((name) => clip(name, MAX_NAME_CHARS));
  const left = names.length - shown.length + more;
  return left > 0 ? `${shown.join(", ")}, … [${left} more]` : shown.join(", ");
}

/**
 * A running allowance of characters (an exercise's, a submission's): `take` gives back the part of a text
 * that still fits, and once the allowance is spent only a note saying so.
 */
export class Allowance {
  private left: number;

  constructor(private readonly max: number, private readonly what: string) {
    this.left = max;
  }

  take(text: string): string {
    if (text.length <= this.left) {
      this.left -= text.length;
      return text;
    }
    const kept = Math.max(0, this.left);
    this.left = 0;
    const note = `[feedback truncated: ${this.what}'s feedback is limited to ${this.max.toLocaleString("en-US")} characters]`;
    return kept > 0 ? `${text.slice(0, kept)}… ${note}` : note;
  }
}
