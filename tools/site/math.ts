/**
 * `$…$` and `$$…$$` in markdown, typeset by KaTeX while the site is built: pages show formulas without
 * running any script. Like Jupyter, inline math may run over a line break (not a blank line), so the rule is
 * our own rather than marked-katex-extension's, which stops at the end of a line.
 */
import katex from "katex";
import type { TokenizerAndRendererExtension } from "marked";

const MATH = /^(\$\$?)((?:\\[^]|[^\\$])+?)\1/;

export const math: TokenizerAndRendererExtension = {
  name: "math",
  level: "inline",
  start: (src) => {
    const index = src.indexOf("$");
    return index < 0 ? undefined : index;
  },
  tokenizer(src) {
    const match = MATH.exec(src);
    if (!match || match[2].includes("\n\n")) return undefined;
    return { type: "math", raw: match[0], text: match[2], display: match[1] === "$$" };
  },
  // A formula KaTeX cannot read fails the build (the CLI names the notebook) rather than showing red text.
  renderer: (token) => katex.renderToString(token.text, { displayMode: token.display, throwOnError: true }),
};
