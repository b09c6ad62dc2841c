// The inventory's entry forms through the DOM: a person on the closeness circle and a life event.
import { inventoryPerson, lifeEvent, type InventoryPerson } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { CLIENT_ID, testId } from "../../../test/fixtures";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { LifeEventForm } from "./life-event-form";
import { PersonForm } from "./person-form";

const PEOPLE = `/api/clients/${CLIENT_ID}/inventory/people`;
const EVENTS = `/api/clients/${CLIENT_ID}/inventory/events`;

const mum: InventoryPerson = inventoryPerson.parse({
  id: testId(301),
  label: "Mum",
  relationship: "mother",
  ring: "inner",
  positives: "Invented: calls every week.",
  negatives: "",
  expectations: "",
  changesNearOnset: "",
  support: "",
  version: 1,
});

const summaryItems = () => within(screen.getByRole("alert")).getAllByRole("button").map(textOf);

describe("adding a person to the inventory", () => {
  it("names the missing name and relationship in the summary and at the fields, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<PersonForm clientId={CLIENT_ID} onDone={() => undefined} />);
    await user.click(screen.getByRole("button", { name: "Add person" }));
    expect(summaryItems()).toEqual([
      "Enter a name or label for this person.",
      "Enter the relationship, e.g. partner or colleague.",
    ]);
    expectFieldError(screen.getByLabelText("Name or label"), "Enter a name or label for this person.");
    expectFieldError(
      screen.getByLabelText("Relationship to the client"),
      "Enter the relationship, e.g. partner or colleague.",
    );
    expect(api.requests).toEqual([]);
  });

  it("sends the person with the ring chosen and every note, then clears the form", async () => {
    const onDone = vi.fn();
    const api = stubFetch().on(`POST ${PEOPLE}`, json(inventoryPerson, mum, 201));
    const { user } = renderWithProviders(<PersonForm clientId={CLIENT_ID} onDone={onDone} />);
    await user.type(screen.getByLabelText("Name or label"), "Mum");
    await user.type(screen.getByLabelText("Relationship to the client"), "mother");
    await user.click(
      within(screen.getByRole("group", { name: "Closeness" })).getAllByRole("radio")[1] as HTMLElement,
    );
    await user.type(
      screen.getByLabelText("What is good about the relationship (optional)"),
      "Invented: calls every week.",
    );
    await user.click(screen.getByRole("button", { name: "Add person" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith("Mum has been added to the inventory."));
    expect(api.sent(`POST ${PEOPLE}`)[0]?.body).toEqual({
      label: "Mum",
      relationship: "mother",
      ring: "middle",
      positives: "Invented: calls every week.",
      negatives: "",
      expectations: "",
      changesNearOnset: "",
      support: "",
    });
    expect(screen.getByLabelText("Name or label")).toHaveProperty("value", "");
  });
});

describe("editing a person", () => {
  it("sends only what changed, with the version read", async () => {
    const onDone = vi.fn();
    const api = stubFetch().on(
      `PATCH ${PEOPLE}/${mum.id}`,
      json(inventoryPerson, { ...mum, support: "Invented: lends money.", version: 2 }),
    );
    const { user } = renderWithProviders(
      <PersonForm clientId={CLIENT_ID} person={mum} onDone={onDone} onCancel={() => undefined} />,
    );
    await user.type(screen.getByLabelText("Support this person gives (optional)"), "Invented: lends money.");
    await user.click(screen.getByRole("button", { name: "Save person" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith("Changes to Mum have been saved."));
    expect(api.sent(`PATCH ${PEOPLE}/${mum.id}`)[0]?.body).toEqual({
      version: 1,
      support: "Invented: lends money.",
    });
  });

  it("offers a reload when the person was changed elsewhere", async () => {
    stubFetch().on(
      `PATCH ${PEOPLE}/${mum.id}`,
      apiError(409, "conflict", "This person was changed elsewhere."),
    );
    const { user } = renderWithProviders(
      <PersonForm clientId={CLIENT_ID} person={mum} onDone={() => undefined} onCancel={() => undefined} />,
    );
    await user.type(screen.getByLabelText("Relationship to the client"), " (step)");
    await user.click(screen.getByRole("button", { name: "Save person" }));
    const alert = await screen.findByRole("alert");
    expect(textOf(alert)).toContain("This person was changed elsewhere.");
    expect(within(alert).getByRole("button", { name: "Reload" })).toBeTruthy();
  });
});

describe("adding a life event", () => {
  it("names the missing date, kind and description at their fields, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(
      <LifeEventForm clientId={CLIENT_ID} people={[mum]} onDone={() => undefined} />,
    );
    await user.click(screen.getByRole("button", { name: "Add life event" }));
    expect(summaryItems()).toEqual([
      "Use a date like 2026-01-31.",
      "Choose the kind of event.",
      "Describe the event in a few words.",
    ]);
    expectFieldError(screen.getByLabelText("Date"), "Use a date like 2026-01-31.");
    expectFieldError(screen.getByRole("group", { name: "Kind of event" }), "Choose the kind of event.");
    expectFieldError(screen.getByLabelText("What happened"), "Describe the event in a few words.");
    expect(api.requests).toEqual([]);
  });

  it("sends the dated event with the person involved", async () => {
    const onDone = vi.fn();
    const api = stubFetch().on(
      `POST ${EVENTS}`,
      json(
        lifeEvent,
        {
          id: testId(401),
          occurredOn: "2026-03-02",
          kind: "transition",
          description: "Invented: moved city.",
          personId: mum.id,
          version: 1,
        },
        201,
      ),
    );
    const { user } = renderWithProviders(
      <LifeEventForm clientId={CLIENT_ID} people={[mum]} onDone={onDone} />,
    );
    await user.type(screen.getByLabelText("Date"), "2026-03-02");
    await user.click(screen.getByRole("radio", { name: "Life change (role transition)" }));
    await user.type(screen.getByLabelText("What happened"), "Invented: moved city.");
    await user.selectOptions(screen.getByLabelText("Person involved (optional)"), "Mum (mother)");
    await user.click(screen.getByRole("button", { name: "Add life event" }));
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith("The life event has been added to the timeline."),
    );
    expect(api.sent(`POST ${EVENTS}`)[0]?.body).toEqual({
      occurredOn: "2026-03-02",
      kind: "transition",
      description: "Invented: moved city.",
      personId: mum.id,
    });
  });
});
