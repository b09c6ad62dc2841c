import { sourceTags, type SourceTag } from "@ipt/shared";
import { createContext, useContext, useEffect, useId, useMemo, useState, type ReactNode } from "react";

function citation(tag: string): string | undefined {
  return tag in sourceTags ? sourceTags[tag as SourceTag] : undefined;
}

/** Where the source tags of a part of a page are gathered (see SourcesScope). */
interface SourcesRegistry {
  register: (id: string, tags: readonly string[]) => () => void;
}

const SourcesContext = createContext<SourcesRegistry | null>(null);

/**
 * The sources a clinical text rests on. Inside a SourcesScope (a section, a tab, a set-up step) they
 * are not shown at the text: the scope lists them once, by their published titles, behind a small
 * "Sources" disclosure at its end. Elsewhere (the printable plan, which lists them on its last page)
 * they show as "[S10a] [S6]" with the full citation as the tooltip.
 */
export function SourceTags({ tags }: { tags: readonly string[] }) {
  const registry = useContext(SourcesContext);
  const id = useId();
  const key = tags.join(" ");
  useEffect(() => registry?.register(id, key ? key.split(" ") : []), [registry, id, key]);
  if (registry || tags.length === 0) return null;
  return (
    <span className="source-tags">
      <span className="visually-hidden">Sources: </span>
      {tags.map((tag) => (
        <span key={tag} className="source-tags__tag" title={citation(tag)}>
          [{tag}]
        </span>
      ))}
    </span>
  );
}

/**
 * Gathers the SourceTags of its children and lists their sources once, behind a "Sources"
 * disclosure after them (one click away; nothing when no child cites a source). The nearest scope
 * gathers, so a section inside a tab has its own list.
 */
export function SourcesScope({ children }: { children: ReactNode }) {
  const [cited, setCited] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  const registry = useMemo<SourcesRegistry>(
    () => ({
      register(id, tags) {
        setCited((current) => new Map(current).set(id, tags));
        return () =>
          setCited((current) => {
            const next = new Map(current);
            next.delete(id);
            return next;
          });
      },
    }),
    [],
  );
  const citations = knownTags([...cited.values()].flat()).map((tag) => citation(tag));
  return (
    <SourcesContext.Provider value={registry}>
      {children}
      {citations.length > 0 ? (
        <details className="sources-disclosure">
          <summary>Sources</summary>
          <ul className="sources-disclosure__list">
            {citations.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </SourcesContext.Provider>
  );
}

/** Its children show their tags at the text (the printable plan, whose last page cites them all). */
export function SourcesAtTheText({ children }: { children: ReactNode }) {
  return <SourcesContext.Provider value={null}>{children}</SourcesContext.Provider>;
}

/**
 * The order sources are listed in: digits by their value and before letters, letters ignoring case
 * ("HEDIS" < "S7" < "S10a" < "S10c" < "Saunders-2019"), as `localeCompare(b, "en", { numeric: true })`
 * orders the tags, without the ICU collator that sets up in the render of a clinical page (15–22 ms
 * unthrottled, docs/benchmarks.md). source-tags.test.tsx compares the two over every tag.
 */
export function compareSourceTags(a: string, b: string): number {
  const parts = (tag: string) => tag.toLowerCase().match(/\d+|\D+/g) ?? [];
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i] ?? "", y[i] ?? ""];
    const [pDigits, qDigits] = [/^\d/.test(p), /^\d/.test(q)];
    if (pDigits !== qDigits) return pDigits ? -1 : 1;
    const order = pDigits ? Number(p) - Number(q) : p < q ? -1 : p > q ? 1 : 0;
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

/** Each known tag once, in the order of their numbers. */
function knownTags(tags: readonly string[]): string[] {
  return [...new Set(tags)].filter((tag) => citation(tag)).sort(compareSourceTags);
}

/** The full citation of every tag used on a page, e.g. at the end of the printable plan. */
export function SourceKey({ tags }: { tags: readonly string[] }) {
  const known = knownTags(tags);
  if (known.length === 0) return null;
  return (
    <dl className="source-key">
      {known.map((tag) => (
        <div key={tag} className="source-key__row">
          <dt>[{tag}]</dt>
          <dd>{citation(tag)}</dd>
        </div>
      ))}
    </dl>
  );
}
