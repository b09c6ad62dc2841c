/// <reference types="node" />
// The source list and docs/clinical-reference.md must not drift apart: every tag the app can cite has
// an entry in the reference's source key, with its full reference and what the app takes from it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sourceTagKeys } from "./sources";

const reference = readFileSync(new URL("../../../../docs/clinical-reference.md", import.meta.url), "utf8");
const sourceKey = reference.slice(reference.indexOf("## 13. Source key"));

/** The key's entry for a tag: "- **[TAG]** reference … _App:_ …", up to the next entry or heading. */
function keyEntry(tag: string): string | undefined {
  const start = sourceKey.indexOf(`\n- **[${tag}]** `);
  if (start === -1) return undefined;
  const rest = sourceKey.slice(start + 1);
  const end = rest.search(/\n(- \*\*\[|#)/);
  return end === -1 ? rest : rest.slice(0, end);
}

describe("the clinical reference", () => {
  it("has a source key section", () => {
    expect(sourceKey.startsWith("## 13. Source key")).toBe(true);
  });

  it.each(sourceTagKeys)("has an entry for [%s] saying what the app takes from it", (tag) => {
    const entry = keyEntry(tag);
    expect(entry, `docs/clinical-reference.md has no source-key entry for [${tag}]`).toBeDefined();
    expect(entry).toMatch(/_App:_\s+\S/);
  });

  it("lists each tag once in the source key", () => {
    const listed = [...sourceKey.matchAll(/^- \*\*\[([^\]]+)\]\*\* /gm)].map((match) => match[1]);
    expect(listed.filter((tag, index) => listed.indexOf(tag) !== index)).toEqual([]);
  });
});
