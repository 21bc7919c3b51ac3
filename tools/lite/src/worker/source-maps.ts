/**
 * Source maps of the code the kernel runs, so that an error names the line of the cell (or of the student's
 * module) it happened on. A cell goes through two translations, both by tslab's converter: TypeScript to an
 * ES module (`emit`, whose map ./typescript keeps by output file), then that module to CommonJS
 * (`transpileModule`, kept by its output text). `originalPosition` follows a position back through both.
 */
export const emittedMaps = new Map<string, string>();
export const translatedMaps = new Map<string, string>();

export const SOURCE_MAP_COMMENT = /\n?\/\/# sourceMappingURL=\S*\s*$/;

export function remember(maps: Map<string, string>, key: string, map: string): void {
  maps.delete(key);
  maps.set(key, map);
  // The last few hundred: a cell's maps are read right after it is converted.
  if (maps.size > 200) maps.delete(maps.keys().next().value!);
}

interface Mapping {
  generatedLine: number;
  generatedCharacter: number;
  sourceIndex?: number;
  sourceLine?: number;
  sourceCharacter?: number;
}
type Decode = (mappings: string) => Mapping[];

/** One source map, decoded once: finds the source position of a generated (0-based) line and column. */
export class PositionMap {
  private readonly byLine = new Map<number, Mapping[]>();
  readonly sources: string[];

  constructor(json: string, decode: Decode) {
    const raw = JSON.parse(json) as { sources: string[]; mappings: string };
    this.sources = raw.sources;
    for (const m of decode(raw.mappings)) {
      if (m.sourceLine === undefined) continue;
      if (!this.byLine.has(m.generatedLine)) this.byLine.set(m.generatedLine, []);
      this.byLine.get(m.generatedLine)!.push(m);
    }
  }

  /** The source position of the last mapping at or before (line, column), on that line. */
  find(line: number, column: number): { line: number; column: number; source: string } | undefined {
    const mappings = this.byLine.get(line);
    if (!mappings?.length) return undefined;
    let best = mappings[0];
    for (const m of mappings) if (m.generatedCharacter <= column) best = m;
    return {
      line: best.sourceLine!,
      column: best.sourceCharacter!,
      source: this.sources[best.sourceIndex ?? 0],
    };
  }
}
