import { Link } from "react-router";
import { PageHeading } from "../../components/page-heading";
import { paths } from "../../config/paths";

export function NotFoundRoute() {
  return (
    <div className="page page--narrow">
      <PageHeading>Page not found</PageHeading>
      <p>There is no page at this address. Check the address, or go back to your home page.</p>
      <p>
        <Link to={paths.home.getHref()}>Go to your home page</Link>
      </p>
    </div>
  );
}
