// The sign-in page's own entry (login.html, served at /login): React, the form and the API client,
// none of the app's router, query cache or pages (docs/decisions/013). Signing in opens the app as
// a new document, and the app comes back here the same way, so nothing of one session's data stays
// in memory for the next. Someone already signed in never gets this page: the server sends them on.
import "../lib/zod-config";
import "../lib/react-dom-early";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { safeNextPath } from "../lib/safe-next-path";
import "../styles/app.css";
import { LoginPage } from "./login-page";

const container = document.getElementById("root");
if (!container) throw new Error("login.html has no #root element.");

const search = new URLSearchParams(window.location.search);

createRoot(container).render(
  <StrictMode>
    <LoginPage
      next={safeNextPath(search.get("next"))}
      sessionEnded={search.get("reason") === "session-ended"}
    />
  </StrictMode>,
);
