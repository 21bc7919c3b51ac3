/**
 * The errors that count in a front-end test: the browser console's and the Jupyter server log's, less the few
 * that Notebook 7.6.5 and classic Notebook 6 produce by themselves (JupyterLab 4.6.6 produced none here). The
 * Notebook 7 ones appear on an empty file browser page too, so they cannot come from our kernel or notebooks;
 * Notebook 6's comes from its own MathJax on any formula. Anything else, from our kernel, our notebooks'
 * outputs or the start script, fails the test.
 */
const FRONT_END_NOISE: { pattern: RegExp; why: string }[] = [
  {
    pattern: /^uncaught: Cannot read properties of undefined \(reading 'schema'\)$/,
    why: "Notebook 7.6.5, on every page it loads (its file browser too), in its own settings code (notebook_core)",
  },
  {
    pattern: /^Cannot read properties of null \(reading 'updateRenderOption'\)/,
    why: "Notebook 7.6.5's toolbar execution indicator, when its settings arrive after the notebook closed",
  },
  {
    pattern: /^Access to font at 'about:blank' .* blocked by CORS policy|^Failed to load resource: net::ERR_FAILED \(about:blank\)/,
    why: "classic Notebook 6 (Debian's), whose MathJax 2 asks for a web font at about:blank when it first typesets a formula",
  },
];

export function withoutFrontEndNoise(errors: string[]): string[] {
  return errors.filter((error) => !FRONT_END_NOISE.some(({ pattern }) => pattern.test(error)));
}

/**
 * Lines of a Jupyter server's log, which also holds what its kernels print, that report a problem: an error
 * (`[E`), a Python traceback, a kernel that died or was restarted by Jupyter, or what tslab printed before the
 * course's kernel answered the protocol properly (unknown comm messages, a closed socket on Ctrl+C).
 */
export function serverLogProblems(log: string): string[] {
  return log.split("\n").filter((line) => /^\[E |Traceback|KernelRestarter|[Kk]ernel died|unknown msg_type|EBADF|Socket is closed|UnhandledPromiseRejection/.test(line));
}
