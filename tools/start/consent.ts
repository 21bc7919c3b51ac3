/** Asking the user once, in the terminal, before something is installed. */
import { createInterface } from "node:readline";

/** Whether there is someone to ask: input and output are both a terminal. */
export const canAsk = (): boolean => process.stdin.isTTY === true && process.stdout.isTTY === true;

/** Asks `question`; "y" or "yes" is yes; anything else, Ctrl+C or Ctrl+D is no. */
export function confirm(question: string, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<boolean> {
  const prompt = createInterface({ input, output });
  return new Promise((resolve) => {
    const answer = (yes: boolean) => {
      resolve(yes);
      prompt.close();
    };
    prompt.on("SIGINT", () => {
      output.write("\n");
      answer(false);
    });
    prompt.on("close", () => resolve(false));
    prompt.question(question, (text) => answer(/^y(es)?$/i.test(text.trim())));
  });
}
