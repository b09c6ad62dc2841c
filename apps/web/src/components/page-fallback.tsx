import { Breadcrumbs, type Crumb } from "./breadcrumbs";
import { PageHeading } from "./page-heading";
import { QueryFallback } from "./states";

/**
 * A record's page while its query loads or after it failed: the same breadcrumbs and heading place
 * as the loaded page (so the heading keeps focus across a reload), then loading or the error.
 */
export function PageFallback({
  crumbs,
  heading,
  query,
  loading,
  errorTitle,
}: {
  crumbs: Crumb[];
  heading: string;
  query: { isPending: boolean; error: unknown; refetch: () => Promise<unknown> };
  loading: string;
  errorTitle: string;
}) {
  return (
    <div className="page">
      <Breadcrumbs crumbs={crumbs} />
      <PageHeading>{heading}</PageHeading>
      <QueryFallback query={query} loading={loading} errorTitle={errorTitle} />
    </div>
  );
}
