// The client's questionnaire page's own entry (questionnaire.html, served at /q/<token>): React, the
// page and the API client, none of the clinical app (docs/decisions/016). The client has no account:
// the token in the address is the only key, and the page never stores it.
import "../lib/zod-config";
import "../lib/react-dom-early";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "../styles/app.css";
import { QuestionnairePage, tokenFromPath } from "./questionnaire-page";

const container = document.getElementById("root");
if (!container) throw new Error("questionnaire.html has no #root element.");

createRoot(container).render(
  <StrictMode>
    <QuestionnairePage token={tokenFromPath(window.location.pathname)} />
  </StrictMode>,
);
