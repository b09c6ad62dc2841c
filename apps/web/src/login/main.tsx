// The sign-in page's own entry (login.html, served at /login): React, the form and the API client,
// none of the app's router, query cache or pages (docs/decisions/010). Signing in opens the app as
// a new document, and the app comes back here the same way, so nothing of one session's data stays
// in memory for the next.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { getSession } from "../features/auth/api/session";
import { safeNextPath } from "../lib/safe-next-path";
import "../styles/app.css";
import { destinationAfterSignIn, LoginPage } from "./login-page";

const container = document.getElementById("root");
if (!container) throw new Error("login.html has no #root element.");

const search = new URLSearchParams(window.location.search);
const next = safeNextPath(search.get("next"));

createRoot(container).render(
  <StrictMode>
    <LoginPage next={next} sessionEnded={search.get("reason") === "session-ended"} />
  </StrictMode>,
);

// Already signed in (another tab, a bookmark): straight on to where they were going. The form is
// shown meanwhile; if the server cannot be asked, the form stays and a sign-in will say why.
void getSession().then(
  (session) => {
    if (session) window.location.replace(destinationAfterSignIn(session, next));
  },
  () => undefined,
);
