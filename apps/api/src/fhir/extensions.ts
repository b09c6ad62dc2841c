// Extensions under our one documented base (FHIR_EXTENSION_BASE): the fields of our model that FHIR
// has no element for. Empty and absent values are left out, so an extension is there only when the
// record holds something.
import { createHash } from "node:crypto";
import { extensionUrl, type Coding } from "@ipt/shared";
import type { Extension } from "@medplum/fhirtypes";

type Value = string | number | boolean | Date | Coding | null | undefined;

/** One extension, or none for null, undefined or an empty string. Dates become FHIR `date`s
 *  unless `dateTime` is set; numbers are integers. */
export function extension(name: string, value: Value, as: "date" | "dateTime" = "dateTime"): Extension[] {
  if (value === null || value === undefined || value === "") return [];
  const url = extensionUrl(name);
  if (typeof value === "string") return [{ url, valueString: value }];
  if (typeof value === "number") return [{ url, valueInteger: value }];
  if (typeof value === "boolean") return [{ url, valueBoolean: value }];
  if (value instanceof Date) {
    return as === "date"
      ? [{ url, valueDate: value.toISOString().slice(0, 10) }]
      : [{ url, valueDateTime: value.toISOString() }];
  }
  return [{ url, valueCoding: value }];
}

/** A complex extension: its parts are extensions named by short, relative urls (FHIR's rule for
 *  the parts of a complex extension). */
export function complexExtension(name: string, parts: Record<string, Value>): Extension {
  return {
    url: extensionUrl(name),
    extension: Object.entries(parts).flatMap(([part, value]) =>
      extension(part, value).map((made) => ({ ...made, url: part })),
    ),
  };
}

/** A local code as a Coding of one of our code systems. */
export const localCoding = (system: string, code: string, display: string): Coding => ({
  system,
  code,
  display,
});

/** A reference to an entry of the same Bundle. */
export const ref = (fullUrl: string): { reference: string } => ({ reference: fullUrl });

export const urnOf = (id: string) => `urn:uuid:${id}`;

/** A UUID made from names (SHA-256, shaped as a version-8 UUID): the same names give the same
 *  entry URL in every export, for resources that are not rows of their own (goals, panel members). */
export function stableUuid(...names: string[]): string {
  const hex = createHash("sha256").update(names.join("\u0000")).digest("hex");
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** JSON with every object's keys sorted: the database's JSON columns do not keep key order, and the
 *  same record must give the same text in every export. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
