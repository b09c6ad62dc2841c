// Reading what assistive technology reads, for assertions Testing Library has no query for.
import { expect } from "vitest";

/** The text of the elements that describe `element` (aria-describedby): its hint and its error. */
export function descriptionOf(element: Element): string {
  const ids = element.getAttribute("aria-describedby")?.split(/\s+/).filter(Boolean) ?? [];
  return ids
    .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? "")
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A field (or a group of radios) marked invalid, its error read out with it: "Error: …". */
export function expectFieldError(field: Element, message: string): void {
  const invalid =
    field.getAttribute("aria-invalid") === "true" || field.querySelector('[aria-invalid="true"]') !== null;
  expect(invalid, "the field is marked invalid").toBe(true);
  expect(descriptionOf(field)).toContain(`Error: ${message}`);
}

/**
 * An element's text, white space collapsed, with a space where one element ends and another begins
 * (a cell's score and its note read as "10 Moderate Session 8", as a screen reader pauses there).
 */
export function textOf(element: Node | null | undefined): string {
  const read = (node: Node): string =>
    node.nodeType === node.TEXT_NODE
      ? (node.textContent ?? "")
      : [...node.childNodes]
          .map((child) => (child.nodeType === child.TEXT_NODE ? read(child) : ` ${read(child)} `))
          .join("");
  return element ? read(element).replace(/\s+/g, " ").trim() : "";
}

/** A table's body rows, each as column header → cell, read through the table's own headers. */
export function rowsByHeader(table: HTMLElement): Record<string, HTMLElement>[] {
  const headers = [...table.querySelectorAll("thead th")].map((th) => textOf(th));
  return [...table.querySelectorAll("tbody tr")].map((row) => {
    const cells = [...row.children] as HTMLElement[];
    return Object.fromEntries(headers.map((header, index) => [header, cells[index] as HTMLElement]));
  });
}

/** In a description list, the value of `term` (`<dt>term</dt><dd>value</dd>`), as text. */
export function definitionOf(container: Element, term: string): string {
  const dt = [...container.querySelectorAll("dt")].find((candidate) => textOf(candidate) === term);
  if (!dt) throw new Error(`No term "${term}" in this description list.`);
  const dd = dt.nextElementSibling;
  if (dd?.tagName !== "DD") throw new Error(`The term "${term}" has no value next to it.`);
  return textOf(dd);
}
