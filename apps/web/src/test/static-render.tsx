// Unit tests run in Node without a DOM: components are rendered to static HTML (as the browser first
// receives them) and read back as a user would meet them: the markup for roles, names and classes,
// the text for the words.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";

/** The component's HTML, inside a router (for links) and a query client (for mutations). */
export function renderHtml(node: ReactNode): string {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>{node}</MemoryRouter>
    </QueryClientProvider>,
  );
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

/** The text a reader would see: tags removed, entities decoded, white space collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#x27|#39|nbsp);/g, (_, name: string) => entities[name] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

export interface HtmlElement {
  attrs: Record<string, string>;
  inner: string;
  text: string;
}

function attributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of source.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
    attrs[match[1] as string] = textOf(match[2] ?? "");
  }
  return attrs;
}

/** Every `<tag …>…</tag>` (not nested in one of its own kind), in document order. */
export function elements(html: string, tag: string): HtmlElement[] {
  const pattern = new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "g");
  return [...html.matchAll(pattern)].map((match) => ({
    attrs: attributes(match[1] ?? ""),
    inner: match[2] ?? "",
    text: textOf(match[2] ?? ""),
  }));
}

/** Every void element such as `<input …/>`, with its attributes. */
export function voidElements(html: string, tag: string): Record<string, string>[] {
  const pattern = new RegExp(`<${tag}(\\s[^>]*?)/?>`, "g");
  return [...html.matchAll(pattern)].map((match) => attributes(match[1] ?? ""));
}

/** The text of the `<label for=id>`. */
export function labelFor(html: string, id: string): string | undefined {
  return elements(html, "label").find((label) => label.attrs.for === id)?.text;
}
