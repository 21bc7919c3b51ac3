/**
 * Exercise names as people type them. `ex01-lookback`, `ex01`, `ex1`, `1`, `01` and `lookback` all name the
 * exercise folder ex01-lookback; so does a unique start or word of its name (`gru` for ex09-gru-cell). A
 * name that fits none, or more than one, is an error that lists the names there are.
 */

/**
 * The exercise (one of `names`, folder names such as "ex01-lookback") that `typed` names; throws if none or
 * several. `where` (a folder, a bundle) is named in the message.
 */
export function resolveExercise(typed: string, names: string[], where = ""): string {
  const found = typed.trim() ? candidates(typed.trim().toLowerCase(), names) : [];
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new Error(`no exercise "${typed}"${where && ` in ${where}`} (${thereAre(names)})`);
  throw new Error(`"${typed}" could name ${found.join(" or ")}: say which (e.g. ${found[0].split("-")[0]})`);
}

function candidates(typed: string, names: string[]): string[] {
  const exact = names.filter((name) => name.toLowerCase() === typed);
  if (exact.length) return exact;
  const numbered = /^(?:ex)?0*(\d+)(?:-(.+))?$/.exec(typed);
  if (numbered) {
    const [, number, rest] = numbered;
    return names.filter((name) => numberOf(name) === Number(number) && (rest === undefined || slugOf(name) === rest));
  }
  const named = names.filter((name) => slugOf(name) === typed);
  if (named.length) return named;
  return names.filter((name) => slugOf(name).startsWith(typed) || slugOf(name).split("-").includes(typed));
}

/** "there are: ex01-lookback, ex02-padding; ex01, ex1, 1 or lookback name ex01-lookback" */
function thereAre(names: string[]): string {
  if (!names.length) return "there are none";
  const first = names[0];
  const forms = [first.split("-")[0], `ex${numberOf(first)}`, String(numberOf(first)), slugOf(first)].filter((form, i, all) => form && all.indexOf(form) === i);
  return `there are: ${names.join(", ")}; ${forms.join(", ")} all name ${first}`;
}

/** 1 for "ex01-lookback". */
const numberOf = (name: string) => Number(/^ex0*(\d+)/i.exec(name)?.[1] ?? NaN);

/** "lookback" for "ex01-lookback". */
const slugOf = (name: string) => name.toLowerCase().replace(/^ex\d+-?/, "");
