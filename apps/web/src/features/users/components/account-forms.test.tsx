// The admin's account forms through the DOM: create, edit, and assigning a supervisor.
import { adminUser, listUsersResponse, temporaryPasswordResponse, type AdminUser } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { testId } from "../../../test/fixtures";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { CreateAccountForm } from "./create-account-form";
import { EditAccountForm } from "./edit-account-form";
import { SupervisorsPanel } from "./supervisors-panel";

function account(n: number, patch: Partial<AdminUser> = {}): AdminUser {
  return adminUser.parse({
    id: testId(n),
    email: `person${n}@example.test`,
    name: `Person ${n} (invented)`,
    role: "therapist",
    active: true,
    mustChangePassword: false,
    signInSlowedUntil: null,
    secondFactor: false,
    createdAt: "2026-01-05T09:00:00.000Z",
    supervisors: [],
    supervisees: [],
    ...patch,
  });
}

const therapist = account(1);
const supervisor = account(2, { role: "supervisor" });

describe("creating an account", () => {
  it("names each missing or malformed field next to it, focuses the first, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<CreateAccountForm />);
    await user.type(screen.getByLabelText("Email address"), "not-an-email");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expectFieldError(screen.getByLabelText("Full name"), "Enter a name.");
    expectFieldError(screen.getByLabelText("Email address"), "Enter a valid email address.");
    expectFieldError(screen.getByLabelText("Role"), "Choose a role.");
    expect(document.activeElement).toBe(screen.getByLabelText("Full name"));
    expect(api.requests).toEqual([]);
  });

  it("sends the name, the normalised email and the role, then shows the temporary password once", async () => {
    const api = stubFetch().on(
      "POST /api/admin/users",
      json(temporaryPasswordResponse, { user: therapist, temporaryPassword: "invented-temporary-1" }, 201),
    );
    const { user } = renderWithProviders(<CreateAccountForm />);
    await user.type(screen.getByLabelText("Full name"), "Person 1 (invented)");
    await user.type(screen.getByLabelText("Email address"), " Person1@Example.TEST ");
    await user.selectOptions(screen.getByLabelText("Role"), "Therapist");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByLabelText("Temporary password")).toHaveProperty(
      "value",
      "invented-temporary-1",
    );
    expect(api.sent("POST /api/admin/users")[0]?.body).toEqual({
      name: "Person 1 (invented)",
      email: "person1@example.test",
      role: "therapist",
    });
  });

  it("puts the server's refusal of the email next to it", async () => {
    stubFetch().on(
      "POST /api/admin/users",
      apiError(409, "conflict", "The account could not be created.", [
        { field: "body.email", message: "An account with this email already exists." },
      ]),
    );
    const { user } = renderWithProviders(<CreateAccountForm />);
    await user.type(screen.getByLabelText("Full name"), "Person 1 (invented)");
    await user.type(screen.getByLabelText("Email address"), "person1@example.test");
    await user.selectOptions(screen.getByLabelText("Role"), "Supervisor");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(textOf(await screen.findByRole("alert"))).toBe("The account could not be created.");
    expectFieldError(screen.getByLabelText("Email address"), "An account with this email already exists.");
  });

  it("puts the refusal of a temporary password beside Role, naming the setting, and shows no password", async () => {
    const refusal =
      "A temporary password alone would let you sign in as this person: require a second factor for the therapist role first (Organisation settings, sign-in).";
    stubFetch().on(
      "POST /api/admin/users",
      apiError(409, "conflict", refusal, [{ field: "body.role", message: refusal }]),
    );
    const { user } = renderWithProviders(<CreateAccountForm />);
    await user.type(screen.getByLabelText("Full name"), "Person 1 (invented)");
    await user.type(screen.getByLabelText("Email address"), "person1@example.test");
    await user.selectOptions(screen.getByLabelText("Role"), "Therapist");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    await vi.waitFor(() => expectFieldError(screen.getByLabelText("Role"), refusal));
    expect(screen.queryByLabelText("Temporary password")).toBeNull();
  });
});

describe("editing an account", () => {
  it("says what to change when nothing was, and refuses a blank name, without a request", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<EditAccountForm user={therapist} />);
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(textOf(screen.getByRole("alert"))).toBe("Change the name or the role.");
    await user.clear(screen.getByLabelText("Full name"));
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expectFieldError(screen.getByLabelText("Full name"), "Enter a name.");
    expect(api.requests).toEqual([]);
  });

  it("sends only the role when only the role changed", async () => {
    const api = stubFetch()
      .on(`PATCH /api/admin/users/${therapist.id}`, json(adminUser, { ...therapist, role: "supervisor" }))
      .on("GET /api/admin/users", json(listUsersResponse, { items: [], total: 0, page: 1, pageSize: 25 }));
    const { user } = renderWithProviders(<EditAccountForm user={therapist} />);
    await user.selectOptions(screen.getByLabelText("Role"), "Supervisor");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Changes saved.")).toBeTruthy();
    expect(api.sent(`PATCH /api/admin/users/${therapist.id}`)[0]?.body).toEqual({ role: "supervisor" });
  });
});

describe("assigning a supervisor", () => {
  const supervisors = json(listUsersResponse, { items: [supervisor], total: 1, page: 1, pageSize: 100 });
  const link = `/api/admin/users/${therapist.id}/supervisors/${supervisor.id}`;

  it("asks for a supervisor to be chosen, and sends nothing", async () => {
    const api = stubFetch().on("GET /api/admin/users", supervisors);
    const { user } = renderWithProviders(<SupervisorsPanel therapist={therapist} />);
    await user.click(await screen.findByRole("button", { name: "Assign supervisor" }));
    expectFieldError(screen.getByLabelText("Supervisor"), "Choose a supervisor to assign.");
    expect(api.sent(`PUT ${link}`)).toEqual([]);
    expect(api.sent("GET /api/admin/users")[0]?.query.get("role")).toBe("supervisor");
  });

  it("assigns the chosen supervisor and says so", async () => {
    const api = stubFetch()
      .on("GET /api/admin/users", supervisors)
      .on(
        `PUT ${link}`,
        json(adminUser, {
          ...therapist,
          supervisors: [{ id: supervisor.id, name: supervisor.name, email: supervisor.email }],
        }),
      );
    const { user } = renderWithProviders(<SupervisorsPanel therapist={therapist} />);
    await user.selectOptions(
      await screen.findByLabelText("Supervisor"),
      `${supervisor.name} (${supervisor.email})`,
    );
    await user.click(screen.getByRole("button", { name: "Assign supervisor" }));
    expect(await screen.findByText(`${supervisor.name} now supervises ${therapist.name}.`)).toBeTruthy();
    expect(api.sent(`PUT ${link}`)).toHaveLength(1);
    expect(within(document.body).queryByRole("alert")).toBeNull();
  });
});
