// Which statements the app prepares (statementNames in prisma.ts, docs/decisions/024).
import { describe, expect, it } from "vitest";
import { statementNames } from "./prisma";

const query = (sql: string, args: unknown[] = [1]) => ({ sql, args });

describe("statementNames", () => {
  it("prepares a parameterised statement from its second sending on, always under the same name", () => {
    const name = statementNames();
    expect(name(query("SELECT $1"))).toBe("");
    const second = name(query("SELECT $1"));
    expect(second).not.toBe("");
    expect(name(query("SELECT $1", [2]))).toBe(second);
    name(query("SELECT $1 + 1"));
    expect(name(query("SELECT $1 + 1"))).not.toBe(second);
  });

  it("leaves a statement without parameters unnamed (the simple protocol, several commands allowed)", () => {
    const name = statementNames();
    for (let i = 0; i < 3; i += 1) expect(name(query("BEGIN; SELECT 1", []))).toBe("");
  });

  it("prepares at most 100 texts, then sends new ones unnamed and keeps the names it gave", () => {
    const name = statementNames();
    const given = Array.from({ length: 120 }, (_, i) => {
      name(query(`SELECT ${i}, $1`));
      return name(query(`SELECT ${i}, $1`));
    });
    expect(new Set(given.slice(0, 100)).size).toBe(100);
    expect(given.slice(100)).toEqual(Array.from({ length: 20 }, () => ""));
    expect(name(query("SELECT 0, $1"))).toBe(given[0]);
  });
});
