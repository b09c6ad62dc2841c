// Unit tests render components to HTML on the server (no DOM needed) and read what a user would
// see: the markup for roles, names and classes, the text for the words.
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";

/** The component's HTML, inside a router (for links). */
export function renderHtml(ui: ReactNode): string {
  return renderToStaticMarkup(<MemoryRouter>{ui}</MemoryRouter>);
}

const entities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#x27": "'",
  "#39": "'",
  nbsp: " ",
};

/** The text of some HTML, tags dropped, entities decoded and white space collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#x27|#39|nbsp);/g, (_, name: string) => entities[name] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The HTML of each element with this tag, outermost first (no nesting of the same tag expected). */
export function elements(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?</${tag}>`, "g"))].map((match) => match[0]);
}
