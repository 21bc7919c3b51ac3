// KaTeX ships its types behind package "exports", which this project's node10 module resolution does not read.
declare module "katex" {
  export function renderToString(tex: string, options?: { displayMode?: boolean; throwOnError?: boolean }): string;
  const katex: { renderToString: typeof renderToString };
  export default katex;
}
