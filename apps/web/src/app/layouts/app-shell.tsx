import { roleLabels, type Role } from "@ipt/shared";
import { useEffect, useId, useState, type MouseEvent } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { SuccessMessage } from "../../components/states";
import { APP_NAME } from "../../config/app";
import { homePathForRole, paths } from "../../config/paths";
import { useAttention } from "../../features/attention/api/get-attention";
import { useSupervisionRiskFlags } from "../../features/supervision/api/list-risk-flags";
import { StepUpDialog } from "../../features/auth/components/step-up-dialog";
import { useSession } from "../../features/auth/api/get-session";
import { useLogout } from "../../features/auth/api/logout";
import { ServiceTimeZoneProvider } from "../../lib/service-time-zone";
import { useSessionGuard } from "../session-guard";
import { SessionTimeout } from "./session-timeout";
import { SourcesScope } from "../../components/clinical/source-tags";

interface NavItem {
  label: string;
  href: string;
  /** A count shown beside the label (what waits for the user). */
  count?: number | undefined;
}

function navItemsFor(role: Role, attentionCount: number | undefined): NavItem[] {
  const byRole: Record<Role, NavItem[]> = {
    therapist: [
      { label: "Caseload", href: paths.therapist.caseload.getHref() },
      { label: "Groups", href: paths.therapist.groups.getHref() },
      { label: "Needs attention", href: paths.therapist.attention.getHref(), count: attentionCount },
      { label: "Calendar feed", href: paths.therapist.calendarFeed.getHref() },
    ],
    supervisor: [
      { label: "Supervision", href: paths.supervision.cockpit.getHref() },
      { label: "Risk flags", href: paths.supervision.riskFlags.getHref(), count: attentionCount },
    ],
    admin: [
      { label: "Accounts", href: paths.admin.accounts.getHref() },
      { label: "Organisation settings", href: paths.admin.settings.getHref() },
      { label: "Import a course", href: paths.admin.fhirImport.getHref() },
      { label: "Audit log", href: paths.admin.audit.getHref() },
    ],
  };
  return byRole[role];
}

/**
 * The attention count for the navigation. A therapist's: the items, and the changes to who can read
 * their caseload not yet seen (docs/decisions/025). A supervisor's, on "Risk flags": the escalated
 * flags awaiting their acknowledgement (issue 14), the same count as the cockpit's top.
 */
function useAttentionCount(role: Role | undefined): number | undefined {
  const attention = useAttention({ enabled: role === "therapist" });
  const riskFlags = useSupervisionRiskFlags({ enabled: role === "supervisor" });
  if (role === "supervisor") return riskFlags.data?.awaitingAcknowledgement;
  if (role !== "therapist" || !attention.data) return undefined;
  return attention.data.items.length + attention.data.caseloadAccessChanges;
}

function NavCount({ count }: { count: number | undefined }) {
  if (count === undefined || count === 0) return null;
  return (
    <span className="nav-count">
      <span className="visually-hidden">: </span>
      {count}
      <span className="visually-hidden"> {count === 1 ? "item" : "items"}</span>
    </span>
  );
}

/** A one-off message carried in history state, e.g. after changing the password. */
export interface FlashState {
  flash?: string;
}

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  // Move focus without changing the URL (a hash change would count as a navigation).
  const main = document.getElementById("main");
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
}

export function AppShell() {
  const guard = useSessionGuard();
  const { data: session } = useSession();
  const logout = useLogout();
  const location = useLocation();
  const navigate = useNavigate();
  const user = session?.user;
  const mustChangePassword = user?.mustChangePassword ?? false;
  const mustEnrol = session?.enrolmentRequired ?? false;
  // A temporary password, then a second factor the role requires: nothing else until done.
  const forced = mustChangePassword || mustEnrol;
  const flash = (location.state as FlashState | null)?.flash;
  const attentionCount = useAttentionCount(user?.role);
  const menuId = useId();
  // A phone's menu is open on the page it was opened on: going anywhere closes it.
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === location.pathname;

  // The session can end while a page is open (seen when it is re-checked, e.g. on window focus).
  useEffect(() => {
    if (session === null) void guard.sessionEnded();
  }, [session, guard]);

  // A temporary password must be replaced before anything else, then a required factor set up.
  useEffect(() => {
    if (mustChangePassword && location.pathname !== paths.auth.changePassword.path) {
      void navigate(paths.auth.changePassword.getHref(), { replace: true });
    } else if (!mustChangePassword && mustEnrol && location.pathname !== paths.auth.security.path) {
      void navigate(paths.auth.security.getHref(), { replace: true });
    }
  }, [mustChangePassword, mustEnrol, location.pathname, navigate]);

  const signOut = () => void guard.signOut(() => logout.mutateAsync());

  return (
    <div className="shell">
      <a href="#main" className="skip-link" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          {forced || !user ? (
            <span className="site-header__name">{APP_NAME}</span>
          ) : (
            <Link to={homePathForRole(user.role)} className="site-header__name">
              {APP_NAME}
            </Link>
          )}
          {user ? (
            <>
              <button
                type="button"
                className="site-header__menu-button"
                aria-expanded={menuOpen}
                aria-controls={menuId}
                onClick={() => setMenuOpenAt(menuOpen ? null : location.pathname)}
              >
                Menu
                <NavCount count={attentionCount} />
              </button>
              <div id={menuId} className={`site-menu${menuOpen ? " site-menu--open" : ""}`}>
                {!forced ? (
                  <nav className="site-nav" aria-label="Main">
                    <ul className="site-nav__list">
                      {navItemsFor(user.role, attentionCount).map((item) => (
                        <li key={item.href}>
                          <NavLink to={item.href} className="site-nav__link">
                            {item.label}
                            <NavCount count={item.count} />
                          </NavLink>
                        </li>
                      ))}
                    </ul>
                  </nav>
                ) : null}
                <div className="site-header__account">
                  <p className="site-header__user">
                    <span className="visually-hidden">Signed in as </span>
                    <span className="site-header__user-name">{user.name}</span>{" "}
                    <span className="site-header__role">{roleLabels[user.role]}</span>
                  </p>
                  {!forced ? (
                    <>
                      <NavLink to={paths.auth.changePassword.getHref()} className="site-header__link">
                        Change password
                      </NavLink>
                      <NavLink to={paths.auth.security.getHref()} className="site-header__link">
                        Sign-in security
                      </NavLink>
                      {user.role === "therapist" ? (
                        <NavLink to={paths.therapist.caseloadAccess.getHref()} className="site-header__link">
                          Caseload access
                        </NavLink>
                      ) : null}
                    </>
                  ) : null}
                  <button
                    type="button"
                    className="button button--on-dark button--small"
                    aria-disabled={logout.isPending || undefined}
                    onClick={signOut}
                  >
                    {logout.isPending ? "Signing out…" : "Sign out"}
                  </button>
                </div>
              </div>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        {flash ? <SuccessMessage>{flash}</SuccessMessage> : null}
        <ServiceTimeZoneProvider value={session?.timeZone ?? null}>
          {/* A page's sources are listed once at its end, unless a section or tab lists its own. */}
          <SourcesScope>
            <Outlet />
          </SourcesScope>
        </ServiceTimeZoneProvider>
      </main>
      {session ? <SessionTimeout session={session} guard={guard} onSignOut={signOut} /> : null}
      <StepUpDialog subscribe={guard.onStepUpRequired} />
    </div>
  );
}
