// The client forms through the DOM: what each refuses before sending, and the request it sends.
import { clientDetail, courseDetail, formatPresets, lineagePresets } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { CLIENT_ID, clientOf, COURSE_ID, courseOf } from "../../../test/fixtures";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { EditClientForm } from "./edit-client-form";
import { NewClientForm } from "./new-client-form";
import { StartCourseForm } from "./start-course-form";
import { WorkingDiagnosisForm } from "./working-diagnosis-form";

const reload = () => Promise.resolve();
const summaryItems = () => within(screen.getByRole("alert")).getAllByRole("button").map(textOf);

describe("adding a client (set-up step 1)", () => {
  it("names each missing or malformed field in the summary and next to it, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<NewClientForm onCreated={() => undefined} />);
    await user.type(screen.getByLabelText("Year of birth (optional)"), "19x4");
    await user.type(screen.getByLabelText("Email address (optional)"), "not an email");
    await user.click(screen.getByRole("button", { name: "Create client and start course" }));
    expect(summaryItems()).toEqual([
      "Enter a name or code for the client.",
      "Enter a year like 1984.",
      "Enter the reason for referral.",
      "Enter a valid email address, like name@example.org.",
    ]);
    expectFieldError(
      screen.getByLabelText("Email address (optional)"),
      "Enter a valid email address, like name@example.org.",
    );
    expectFieldError(screen.getByLabelText("Name or code"), "Enter a name or code for the client.");
    expectFieldError(screen.getByLabelText("Year of birth (optional)"), "Enter a year like 1984.");
    expectFieldError(screen.getByLabelText("Reason for referral"), "Enter the reason for referral.");
    expect(document.activeElement).toBe(screen.getByLabelText("Name or code"));
    expect(api.requests).toEqual([]);
  });

  it("creates the client, then its course in the chosen format with the initial tasks ticked, and moves on", async () => {
    const onCreated = vi.fn();
    const api = stubFetch()
      .on("POST /api/clients", json(clientDetail, clientOf({ courses: [] }), 201))
      .on(`POST /api/clients/${CLIENT_ID}/courses`, json(courseDetail, courseOf(), 201));
    const { user } = renderWithProviders(<NewClientForm onCreated={onCreated} />);
    await user.type(screen.getByLabelText("Name or code"), "Client R-7 (invented)");
    await user.type(screen.getByLabelText("Year of birth (optional)"), "1990");
    await user.type(screen.getByLabelText("Reason for referral"), "Invented: low mood after a move.");
    await user.click(screen.getByRole("radio", { name: formatPresets.ipt_b.label }));
    await user.click(screen.getByRole("checkbox", { name: "Sick role given" }));
    await user.click(screen.getByRole("button", { name: "Create client and start course" }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(CLIENT_ID, COURSE_ID));
    const [create] = api.sent("POST /api/clients");
    expect(create?.body).toEqual({
      displayName: "Client R-7 (invented)",
      yearOfBirth: 1990,
      referralReason: "Invented: low mood after a move.",
      workingDiagnosis: "",
      email: null,
    });
    expect(create?.headers.get("Idempotency-Key")).toBeTruthy();
    expect(api.sent(`POST /api/clients/${CLIENT_ID}/courses`)[0]?.body).toEqual({
      format: "ipt_b",
      lineage: "weissman",
      diagnosisNamed: false,
      sickRoleGiven: true,
    });
  });

  it("keeps the client it created when the course fails, and retries only the course", async () => {
    const onCreated = vi.fn();
    let courseAnswer = apiError(500, "internal_error", "The server had a problem.");
    const api = stubFetch()
      .on("POST /api/clients", json(clientDetail, clientOf({ courses: [] }), 201))
      .on(`POST /api/clients/${CLIENT_ID}/courses`, () => courseAnswer);
    const { user } = renderWithProviders(<NewClientForm onCreated={onCreated} />);
    await user.type(screen.getByLabelText("Name or code"), "Client R-7 (invented)");
    await user.type(screen.getByLabelText("Reason for referral"), "Invented.");
    await user.click(screen.getByRole("button", { name: "Create client and start course" }));
    expect(await screen.findByText(/has been added\. The course could not be started yet/)).toBeTruthy();
    expect(textOf(screen.getByRole("alert"))).toContain("The server had a problem.");

    courseAnswer = json(courseDetail, courseOf(), 201);
    await user.click(screen.getByRole("button", { name: "Start the course" }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(CLIENT_ID, COURSE_ID));
    expect(api.sent("POST /api/clients")).toHaveLength(1);
    expect(api.sent(`POST /api/clients/${CLIENT_ID}/courses`)).toHaveLength(2);
  });
});

describe("editing a client", () => {
  const client = clientOf();

  it("refuses a blank name or a future year next to the field, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<EditClientForm client={client} onReload={reload} />);
    await user.clear(screen.getByLabelText("Name or code"));
    await user.clear(screen.getByLabelText("Year of birth (optional)"));
    await user.type(screen.getByLabelText("Year of birth (optional)"), "2999");
    await user.click(screen.getByRole("button", { name: "Save client details" }));
    expect(summaryItems()).toEqual([
      "Enter a name or code for the client.",
      "The year of birth cannot be in the future.",
    ]);
    expectFieldError(screen.getByLabelText("Name or code"), "Enter a name or code for the client.");
    expectFieldError(
      screen.getByLabelText("Year of birth (optional)"),
      "The year of birth cannot be in the future.",
    );
    expect(api.requests).toEqual([]);
  });

  it("sends only what changed, with the version it was opened at", async () => {
    const api = stubFetch().on(
      `PATCH /api/clients/${CLIENT_ID}`,
      json(clientDetail, { ...client, workingDiagnosis: "Invented: moderate episode.", version: 3 }),
    );
    const { user } = renderWithProviders(<EditClientForm client={client} onReload={reload} />);
    const diagnosis = screen.getByLabelText("Working diagnosis (optional)");
    await user.clear(diagnosis);
    await user.type(diagnosis, "Invented: moderate episode.");
    await user.click(screen.getByRole("button", { name: "Save client details" }));
    expect(await screen.findByText("Client details saved.")).toBeTruthy();
    expect(api.sent(`PATCH /api/clients/${CLIENT_ID}`)[0]?.body).toEqual({
      version: client.version,
      workingDiagnosis: "Invented: moderate episode.",
    });
  });

  it("says there is nothing to save when nothing changed, without a request", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<EditClientForm client={client} onReload={reload} />);
    await user.click(screen.getByRole("button", { name: "Save client details" }));
    expect(screen.getByText("Nothing to save: the details are as recorded.")).toBeTruthy();
    expect(api.requests).toEqual([]);
  });

  it("offers a reload when someone saved the client meanwhile", async () => {
    const onReload = vi.fn(reload);
    stubFetch().on(
      `PATCH /api/clients/${CLIENT_ID}`,
      apiError(409, "conflict", "The client was changed by someone else."),
    );
    const { user } = renderWithProviders(<EditClientForm client={client} onReload={onReload} />);
    await user.type(screen.getByLabelText("Name or code"), " B");
    await user.click(screen.getByRole("button", { name: "Save client details" }));
    const alert = await screen.findByRole("alert");
    expect(textOf(alert)).toContain("Changed elsewhere: reload before trying again.");
    await user.click(within(alert).getByRole("button", { name: "Reload" }));
    expect(onReload).toHaveBeenCalledOnce();
  });
});

describe("starting a further course", () => {
  const offer = { kind: "further" as const, sequence: 2, defaultFormat: "ipt_b" as const };

  it("starts from the latest course's format and sends the chosen format and lineage", async () => {
    const onStarted = vi.fn();
    const api = stubFetch().on(`POST /api/clients/${CLIENT_ID}/courses`, json(courseDetail, courseOf(), 201));
    const { user } = renderWithProviders(
      <StartCourseForm clientId={CLIENT_ID} offer={offer} onStarted={onStarted} onReload={reload} />,
    );
    expect(screen.getByRole("radio", { name: formatPresets.ipt_b.label })).toHaveProperty("checked", true);
    await user.click(screen.getByRole("radio", { name: formatPresets.standard.label }));
    await user.click(screen.getByRole("radio", { name: lineagePresets.stuart.label }));
    await user.click(screen.getByRole("button", { name: "Start a new course" }));
    await vi.waitFor(() => expect(onStarted).toHaveBeenCalledOnce());
    expect(api.sent(`POST /api/clients/${CLIENT_ID}/courses`)[0]?.body).toEqual({
      format: "standard",
      lineage: "stuart",
    });
  });

  it("explains a course opened elsewhere meanwhile, with a reload", async () => {
    stubFetch().on(
      `POST /api/clients/${CLIENT_ID}/courses`,
      apiError(409, "conflict", "This client already has an open course."),
    );
    const { user } = renderWithProviders(
      <StartCourseForm clientId={CLIENT_ID} offer={offer} onStarted={() => undefined} onReload={reload} />,
    );
    await user.click(screen.getByRole("button", { name: "Start a new course" }));
    const alert = await screen.findByRole("alert");
    expect(textOf(alert)).toContain("This client already has an open course.");
    expect(within(alert).getByRole("button", { name: "Reload" })).toBeTruthy();
  });
});

describe("recording the working diagnosis", () => {
  const client = { id: CLIENT_ID, version: 2, workingDiagnosis: "" };

  it("puts the server's refusal next to the field", async () => {
    stubFetch().on(
      `PATCH /api/clients/${CLIENT_ID}`,
      apiError(400, "validation_failed", "Check the diagnosis.", [
        { field: "body.workingDiagnosis", message: "Keep it under 200 characters." },
      ]),
    );
    const { user } = renderWithProviders(
      <WorkingDiagnosisForm client={client} onSaved={() => undefined} onReload={reload} />,
    );
    await user.type(screen.getByLabelText("Working diagnosis"), "Invented.");
    await user.click(screen.getByRole("button", { name: "Save working diagnosis" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("Check the diagnosis.");
    expectFieldError(screen.getByLabelText("Working diagnosis"), "Keep it under 200 characters.");
  });

  it("sends the diagnosis with the client's version and says it is saved", async () => {
    const onSaved = vi.fn();
    const api = stubFetch().on(
      `PATCH /api/clients/${CLIENT_ID}`,
      json(clientDetail, clientOf({ workingDiagnosis: "Invented: moderate episode." })),
    );
    const { user } = renderWithProviders(
      <WorkingDiagnosisForm client={client} onSaved={onSaved} onReload={reload} />,
    );
    await user.type(screen.getByLabelText("Working diagnosis"), "Invented: moderate episode.");
    await user.click(screen.getByRole("button", { name: "Save working diagnosis" }));
    expect(await screen.findByText("Working diagnosis saved.")).toBeTruthy();
    expect(onSaved).toHaveBeenCalledOnce();
    expect(api.sent(`PATCH /api/clients/${CLIENT_ID}`)[0]?.body).toEqual({
      version: 2,
      workingDiagnosis: "Invented: moderate episode.",
    });
  });
});
