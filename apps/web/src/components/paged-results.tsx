import type { ReactNode } from "react";
import { describeRange } from "../lib/format";
import { Pagination } from "./pagination";
import { EmptyState, QueryFallback } from "./states";

interface ResultPage<Item> {
  items: Item[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * One page of a filtered list: loading, failure (with "Try again"), the empty state, or the count
 * of results, the items (`children`) and the page links.
 */
export function PagedResults<Item>({
  query,
  loading,
  errorTitle,
  emptyTitle,
  emptyContent,
  pagesLabel,
  hrefForPage,
  children,
}: {
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: ResultPage<Item> | undefined;
    isPlaceholderData: boolean;
    refetch: () => Promise<unknown>;
  };
  loading: ReactNode;
  errorTitle: string;
  emptyTitle: string;
  emptyContent?: ReactNode;
  pagesLabel: string;
  hrefForPage: (page: number) => string;
  children: (items: Item[]) => ReactNode;
}) {
  const { data } = query;
  // Not pending and no error means there is data; `!data` only tells the type checker so.
  if (query.isPending || query.isError || !data)
    return <QueryFallback query={query} loading={loading} errorTitle={errorTitle} />;
  if (data.items.length === 0) return <EmptyState title={emptyTitle}>{emptyContent}</EmptyState>;
  return (
    <>
      <p role="status" className="result-count">
        {describeRange(data.page, data.pageSize, data.items.length, data.total)}
        {query.isPlaceholderData ? " (updating…)" : null}
      </p>
      {children(data.items)}
      <Pagination
        label={pagesLabel}
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        hrefForPage={hrefForPage}
      />
    </>
  );
}
