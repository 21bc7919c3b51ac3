import { crc32 as nodeCrc32, inflateRawSync } from "node:zlib";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gradescopeArchive } from "../autograder/gradescope/build";
import { crc32, zip, type ZipEntry } from "../autograder/gradescope/zip";
import { BUNDLE_FORMAT } from "../autograder/references/bundle";

/** Reads an archive back through its central directory: path, unix mode, content (CRC checked). */
function unzip(archive: Buffer): { path: string; mode: number; data: Buffer }[] {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  const files = [];
  let at = archive.readUInt32LE(end + 16);
  for (let i = 0; i < archive.readUInt16LE(end + 10); i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const [packed, size] = [archive.readUInt32LE(at + 20), archive.readUInt32LE(at + 24)];
    const [nameLength, local] = [archive.readUInt16LE(at + 28), archive.readUInt32LE(at + 42)];
    const path = archive.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + archive.readUInt16LE(local + 26);
    const data = inflateRawSync(archive.subarray(start, start + packed));
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(archive.readUInt32LE(at + 16));
    files.push({ path, mode: archive.readUInt32LE(at + 38) >>> 16, data });
    at += 46 + nameLength;
  }
  return files;
}

describe("Gradescope archive", () => {
  it("computes the CRC-32 zlib computes", () => {
    const data = Buffer.from("time series and recurrent networks ".repeat(50));
    expect(crc32(data)).toBe(nodeCrc32(data));
  });

  it("writes a ZIP whose entries read back with their content and permissions", () => {
    const entries: ZipEntry[] = [
      { path: "run_autograder", data: Buffer.from("#!/usr/bin/env bash\n"), executable: true },
      { path: "a/b.json", data: Buffer.from(JSON.stringify({ x: [1, 2, 3] })) },
      { path: "empty", data: Buffer.alloc(0) },
    ];
    const files = unzip(zip(entries));
    expect(files.map((f) => [f.path, f.mode.toString(8), f.data.toString()])).toEqual(
      entries.map((e) => [e.path, e.executable ? "100755" : "100644", e.data.toString()]),
    );
  });

  it("holds the scripts at its root, the grader's files and the bundle, and no solutions", () => {
    const root = join(__dirname, "..");
    const entries = gradescopeArchive(root, { format: BUNDLE_FORMAT, exercises: [] }, "s33d");
    const paths = entries.map((e) => e.path);
    for (const path of ["setup.sh", "run_autograder", "package.json", "package-lock.json", "autograder/cli.ts", "autograder/core/compare.ts", "src/index.ts", "tools/output-folder.ts", "tools/write-if-changed.ts"]) {
      expect(paths).toContain(path);
    }
    expect(entries.filter((e) => e.executable).map((e) => e.path)).toEqual(expect.arrayContaining(["setup.sh", "run_autograder", "autograder/bin/autograde.js"]));
    expect(paths.filter((p) => /^solutions\/|node_modules|^test\//.test(p))).toEqual([]);
    expect(entries.find((e) => e.path === "autograder/build/seed")?.data.toString()).toBe("s33d");
  });
});
