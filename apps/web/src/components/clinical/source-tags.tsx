import { sourceTags, type SourceTag } from "@ipt/shared";

function citation(tag: string): string | undefined {
  return tag in sourceTags ? sourceTags[tag as SourceTag] : undefined;
}

/** The sources a clinical text rests on, shown like "[S10a] [S6]"; the full citation is the tooltip. */
export function SourceTags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
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

/** The full citation of every tag used on a page, e.g. at the end of the printable plan. */
export function SourceKey({ tags }: { tags: readonly string[] }) {
  const known = [...new Set(tags)]
    .filter((tag) => citation(tag))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
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
