// No absolute path of a developer's machine anywhere in the repository: such a path names a person's
// account and folders, and nothing may depend on where one checkout lives. Every file git tracks,
// and every new file it does not ignore, is read as it is in the working tree (text files only).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../config/config";

/** A path starts the token: not "example.org/work/…" or "~/work/…". */
const start = String.raw`(?<![\w.~/-])`;
const MACHINE_PATHS: [string, RegExp][] = [
  ["a workspace or root's home folder", new RegExp(String.raw`${start}/(?:work|root)/`)],
  ["a Linux home folder", new RegExp(String.raw`${start}/home/[\w.-]+/`)],
  ["a macOS home folder", new RegExp(String.raw`${start}/Users/[^/\s]+/`)],
  ["a Windows home folder", new RegExp(String.raw`\b[A-Za-z]:[\\/]+Users[\\/]`)],
];

/** This file: its examples are such paths. */
const self = path
  .relative(repoRoot, fileURLToPath(import.meta.url))
  .split(path.sep)
  .join("/");

/** Where each line of the text names a machine path: "line: what (match)". */
function machinePathsIn(text: string): string[] {
  return text.split("\n").flatMap((line, index) =>
    MACHINE_PATHS.flatMap(([what, pattern]) => {
      const match = pattern.exec(line);
      return match ? [`${index + 1}: ${what} (${match[0]})`] : [];
    }),
  );
}

function repositoryFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return [...new Set(listed.split("\0").filter(Boolean))];
}

function textOf(file: string): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(repoRoot, file));
  } catch {
    return null; // deleted in the working tree, not yet staged
  }
  return bytes.includes(0) ? null : bytes.toString("utf8");
}

describe("machine paths", () => {
  it("are recognised in the forms a developer's machine writes them", () => {
    const found = machinePathsIn(
      [
        "/work/wt/app/x.ts",
        "cd /root/.cache",
        "/home/alice/src",
        "/Users/bob/repo",
        "C:\\Users\\carol\\x",
      ].join("\n"),
    );
    expect(found).toHaveLength(5);
  });

  it("leave alone URLs, home-relative paths and system paths", () => {
    const text = [
      "https://example.org/work/item",
      "~/work/notes",
      "$HOME/work/x",
      "/usr/bin/chromium",
      "/tmp/backup",
      "/bin/false",
      "apps/web/src/app/home/",
    ].join("\n");
    expect(machinePathsIn(text)).toEqual([]);
  });

  it("appear in no file of the repository", () => {
    const files = repositoryFiles();
    expect(files.length).toBeGreaterThan(100); // the listing worked
    expect(files).toContain(self);
    const found = files.flatMap((file) => {
      const text = file === self ? null : textOf(file);
      return text === null ? [] : machinePathsIn(text).map((where) => `${file}:${where}`);
    });
    expect(found).toEqual([]);
  });
});
