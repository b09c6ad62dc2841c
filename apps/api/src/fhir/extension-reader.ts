// Reading our extensions and entries back out of a Bundle, each problem named by its path.
import { extensionUrl } from "@ipt/shared";
import type { BundleEntry, Extension, Resource } from "@medplum/fhirtypes";
import type { z } from "zod";
import type { FhirProblem } from "./structure-validation";

export type Located<T extends Resource> = { resource: T; path: string };

/** Reads our extensions of one element, reporting a missing or mistyped one at its path. */
export class ExtensionReader {
  constructor(
    private readonly extensions: Extension[] | undefined,
    private readonly path: string,
    private readonly problems: FhirProblem[],
  ) {}

  private find(name: string): { extension: Extension; path: string } | null {
    const url = extensionUrl(name);
    const index = (this.extensions ?? []).findIndex((e) => e.url === url);
    const extension = this.extensions?.[index];
    return extension ? { extension, path: `${this.path}.extension[${String(index)}]` } : null;
  }

  private missing(name: string): null {
    this.problems.push({
      path: `${this.path}.extension`,
      message: `The extension ${extensionUrl(name)} is missing.`,
    });
    return null;
  }

  string(name: string, required: true): string | null;
  string(name: string, required?: false): string | null;
  string(name: string, required = false): string | null {
    const found = this.find(name);
    if (!found) return required ? this.missing(name) : null;
    if (typeof found.extension.valueString !== "string") {
      this.problems.push({ path: `${found.path}.valueString`, message: "A text value is expected here." });
      return null;
    }
    return found.extension.valueString;
  }

  strings(name: string): string[] {
    const url = extensionUrl(name);
    return (this.extensions ?? []).flatMap((e) =>
      e.url === url && typeof e.valueString === "string" ? [e.valueString] : [],
    );
  }

  integer(name: string, required = false): number | null {
    const found = this.find(name);
    if (!found) return required ? this.missing(name) : null;
    if (typeof found.extension.valueInteger !== "number") {
      this.problems.push({ path: `${found.path}.valueInteger`, message: "A whole number is expected here." });
      return null;
    }
    return found.extension.valueInteger;
  }

  boolean(name: string): boolean {
    const found = this.find(name);
    if (!found) return false;
    if (typeof found.extension.valueBoolean !== "boolean") {
      this.problems.push({ path: `${found.path}.valueBoolean`, message: "true or false is expected here." });
      return false;
    }
    return found.extension.valueBoolean;
  }

  date(name: string): string | null {
    return this.find(name)?.extension.valueDate ?? null;
  }

  dateTime(name: string): string | null {
    return this.find(name)?.extension.valueDateTime ?? null;
  }

  /** A coded value checked against `schema`; a Coding's code or a plain string. */
  code<S extends z.ZodType>(name: string, schema: S, required = false): z.infer<S> | null {
    const found = this.find(name);
    if (!found) return required ? this.missing(name) : null;
    const value = found.extension.valueCoding?.code ?? found.extension.valueString;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      this.problems.push({ path: found.path, message: `"${String(value)}" is not a known value here.` });
      return null;
    }
    return parsed.data;
  }
}

/** The parts of each complex extension `name`, by part name. */
export function complexParts(extensions: Extension[] | undefined, name: string): Map<string, Extension>[] {
  const url = extensionUrl(name);
  return (extensions ?? [])
    .filter((e) => e.url === url)
    .map((e) => new Map((e.extension ?? []).map((part) => [part.url, part])));
}

export function located<T extends Resource>(entries: BundleEntry[], type: T["resourceType"]): Located<T>[] {
  return entries.flatMap((entry, index) =>
    entry.resource?.resourceType === type
      ? [{ resource: entry.resource as T, path: `entry[${String(index)}].resource` }]
      : [],
  );
}

export const dateOnly = (value: string | undefined) =>
  value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
