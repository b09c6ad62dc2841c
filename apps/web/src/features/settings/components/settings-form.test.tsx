import {
  defaultMeasurementSettings,
  defaultQuestionnaireSendingSettings,
  defaultQuestionnaireSettings,
  defaultSafetySettings,
  defaultServiceSettings,
  defaultSupervisionSettings,
  measurementSettingFields,
  measurementSettingsResponse,
  safetySettingFields,
  supervisionSettingFields,
  type MeasurementSettings,
  type MeasurementSettingsResponse,
} from "@ipt/shared";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../lib/api-client";
import { noWriteErrors } from "../../../lib/write-errors";
import { json, stubFetch } from "../../../test/fetch-stub";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import {
  MeasurementSettingsForm,
  ServiceFields,
  SettingsFields,
  SupervisionFields,
} from "./measurement-settings-form";
import {
  defaultText,
  fieldLabel,
  parseSettingsForm,
  restoreDefaults,
  settingsWriteErrors,
  timeZoneOptions,
  toFormValues,
} from "./settings-form-state";

const saved: MeasurementSettings = {
  ...defaultMeasurementSettings,
  measureEverySessions: 1,
  noShowsInARow: 3,
};

describe("measurement settings form", () => {
  it("sends whole numbers, the supervision settings and the time zone with the version it was read at", () => {
    const values = { ...toFormValues(saved), earlyReviewSession: " 6 " };
    const service = { timeZone: "Australia/Sydney" };
    const parsed = parseSettingsForm(
      values,
      { coSignBeforeMiddle: true },
      service,
      { escalateAfterDays: "10" },
      3,
    );
    expect(parsed).toEqual({
      ok: true,
      body: {
        version: 3,
        settings: { ...saved, earlyReviewSession: 6 },
        supervision: { coSignBeforeMiddle: true },
        service,
        safety: { escalateAfterDays: 10 },
      },
    });
  });

  it("refuses a time zone the shared schema does not know, at its field", () => {
    const parsed = parseSettingsForm(
      toFormValues(saved),
      defaultSupervisionSettings,
      { timeZone: "Mars/Olympus" },
      { escalateAfterDays: "7" },
      0,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.fields).toEqual({
      "service.timeZone": "Choose a time zone from the list, like Europe/London.",
    });
  });

  it("offers the browser's IANA zones and keeps a saved zone the browser does not list", () => {
    expect(timeZoneOptions("Europe/London")).toContain("Australia/Sydney");
    expect(timeZoneOptions("Europe/London").filter((zone) => zone === "Europe/London")).toHaveLength(1);
    expect(timeZoneOptions("Etc/Unlisted")[0]).toBe("Etc/Unlisted");
  });

  it("shows the time zone under Service, with its help and default, and marks it when refused", () => {
    const errors = {
      ...noWriteErrors,
      fields: { "service.timeZone": "Choose a time zone from the list, like Europe/London." },
    };
    render(
      <ServiceFields
        values={{ timeZone: "Australia/Sydney" }}
        defaults={defaultServiceSettings}
        errors={errors}
        onChange={() => undefined}
      />,
    );
    expect(screen.getByRole("group", { name: "Service" })).toBeTruthy();
    const zone = screen.getByRole<HTMLSelectElement>("combobox", { name: "Time zone of the service" });
    expect(zone.value).toBe("Australia/Sydney");
    expect(textOf(document.body)).toContain("Default: Europe/London.");
    expectFieldError(zone, "Choose a time zone from the list, like Europe/London.");
  });

  it("names each field it refuses, with the shared message, and sends nothing", () => {
    const values = {
      ...toFormValues(saved),
      measureEverySessions: "",
      deteriorationPhq9Points: "6.5",
      noShowsInARow: "9",
    };
    const parsed = parseSettingsForm(
      values,
      defaultSupervisionSettings,
      defaultServiceSettings,
      { escalateAfterDays: "0" },
      0,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.fields).toEqual({
      "settings.measureEverySessions": "Enter a whole number of sessions from 1 to 8.",
      "settings.deteriorationPhq9Points": "Enter a whole number of points from 1 to 27.",
      "settings.noShowsInARow": "Enter a whole number from 2 to 6.",
      "safety.escalateAfterDays": "Must be at least 1 day.",
    });
  });

  it("puts the server's field errors (body.settings.<key>) next to their fields", () => {
    const error = new ApiError({
      status: 400,
      code: "validation_failed",
      message: "Some settings are not valid.",
      fields: [
        { field: "body.settings.earlyReviewSession", message: "Enter a session number from 2 to 12." },
      ],
    });
    const errors = settingsWriteErrors(error);
    expect(errors.fields).toEqual({ "settings.earlyReviewSession": "Enter a session number from 2 to 12." });
    expect(errors.stale).toBe(false);
  });

  it("puts the server's error about a supervision setting at its checkbox", () => {
    const error = new ApiError({
      status: 400,
      code: "validation_failed",
      message: "Some settings are not valid.",
      fields: [{ field: "body.supervision.coSignBeforeMiddle", message: "Choose yes or no." }],
    });
    expect(settingsWriteErrors(error).fields).toEqual({
      "supervision.coSignBeforeMiddle": "Choose yes or no.",
    });
  });

  it("explains a save made elsewhere since the settings were read", () => {
    const error = new ApiError({
      status: 409,
      code: "conflict",
      message: "The settings were changed by someone else.",
    });
    expect(settingsWriteErrors(error)).toMatchObject({ stale: true, fields: {} });
  });

  it("fills in the documented defaults on Restore defaults", () => {
    expect(restoreDefaults(defaultMeasurementSettings)).toEqual({
      measureEverySessions: "4",
      deteriorationPhq9Points: "6",
      deteriorationGad7Points: "4",
      earlyReviewSession: "4",
      earlyReviewMinReductionPercent: "20",
      earlyReviewHighPhq9: "17",
      week9HighPhq9: "0",
      midCourseMinReductionPercent: "25",
      percentRulesMinBaselinePhq9: "10",
      noShowsInARow: "2",
    });
  });

  it("says the PHQ-9 markers are on at 17 and off (0) by default [Schueller-2015]", () => {
    const early = measurementSettingFields.find((field) => field.key === "earlyReviewHighPhq9");
    const week9 = measurementSettingFields.find((field) => field.key === "week9HighPhq9");
    expect(early && defaultText(early, defaultMeasurementSettings)).toBe("Default: a PHQ-9 score of 17.");
    expect(week9 && defaultText(week9, defaultMeasurementSettings)).toBe("Default: off.");
    expect(early && fieldLabel(early)).toMatch(/\(PHQ-9 score; 0 = off\)$/);
  });

  it("shows each setting with its unit, help, default and sources, and marks a refused one", () => {
    const errors = {
      ...noWriteErrors,
      fields: { "settings.noShowsInARow": "Enter a whole number from 2 to 6." },
    };
    const { container } = render(
      <SettingsFields
        values={toFormValues(saved)}
        defaults={defaultMeasurementSettings}
        errors={errors}
        onChange={() => undefined}
      />,
    );
    const fields = screen.getAllByRole<HTMLInputElement>("spinbutton");
    expect(fields.map((field) => field.labels?.[0]?.textContent)).toHaveLength(
      measurementSettingFields.length,
    );
    expect(
      screen.getByRole("spinbutton", {
        name: "Amber at the early review if PHQ-9 has fallen by less than (%)",
      }),
    ).toBeTruthy();
    expect(textOf(container)).toContain("Default: 20%. Sources: [MBC-default]");
    expect(textOf(container)).toContain("Default: session 4.");
    const noShows = fields.find((field) => field.name === "settings.noShowsInARow") as HTMLInputElement;
    expectFieldError(noShows, "Enter a whole number from 2 to 6.");
    expect(noShows.value).toBe("3");
    expect([noShows.min, noShows.max]).toEqual(["2", "6"]);
    expect(fields.filter((field) => field.hasAttribute("aria-invalid"))).toHaveLength(1);
  });

  it("groups the supervision settings under Supervision, each a checkbox with help, default and sources", () => {
    render(
      <SupervisionFields
        values={{ coSignBeforeMiddle: true }}
        defaults={defaultSupervisionSettings}
        errors={noWriteErrors}
        onChange={() => undefined}
      />,
    );
    const group = screen.getByRole("group", { name: "Supervision" });
    const checkboxes = within(group).getAllByRole<HTMLInputElement>("checkbox");
    expect(checkboxes.map((box) => box.labels?.[0]?.textContent)).toEqual(
      supervisionSettingFields.map((field) => field.label),
    );
    expect(checkboxes[0]?.name).toBe("supervision.coSignBeforeMiddle");
    expect(checkboxes[0]?.checked).toBe(true);
    const description = screen
      .getByRole("checkbox", { name: supervisionSettingFields[0]?.label })
      .getAttribute("aria-describedby");
    expect(description).toBeTruthy();
    expect(textOf(group)).toContain("makes that review a gate.");
    expect(textOf(group)).toContain("Default: off. Sources: [S12b] [S26g]");
  });

  it("marks a supervision setting the server refused", () => {
    const errors = { ...noWriteErrors, fields: { "supervision.coSignBeforeMiddle": "Choose yes or no." } };
    render(
      <SupervisionFields
        values={defaultSupervisionSettings}
        defaults={defaultSupervisionSettings}
        errors={errors}
        onChange={() => undefined}
      />,
    );
    const [checkbox] = screen.getAllByRole<HTMLInputElement>("checkbox");
    expectFieldError(checkbox as HTMLInputElement, "Choose yes or no.");
    expect(checkbox?.checked).toBe(false);
  });
});

describe("saving the measurement settings", () => {
  const SETTINGS = "/api/admin/settings/measurement";
  const current: MeasurementSettingsResponse = measurementSettingsResponse.parse({
    settings: saved,
    defaults: defaultMeasurementSettings,
    supervision: defaultSupervisionSettings,
    supervisionDefaults: defaultSupervisionSettings,
    service: { timeZone: "Australia/Sydney" },
    serviceDefaults: defaultServiceSettings,
    safety: { escalateAfterDays: 10 },
    safetyDefaults: defaultSafetySettings,
    questionnaires: defaultQuestionnaireSettings,
    questionnairesDefaults: defaultQuestionnaireSettings,
    questionnaireSending: defaultQuestionnaireSendingSettings,
    questionnaireSendingDefaults: defaultQuestionnaireSendingSettings,
    version: 3,
    updatedAt: "2026-09-01T10:00:00.000Z",
    updatedBy: null,
  });
  const field = (key: keyof MeasurementSettings) => {
    const setting = measurementSettingFields.find((entry) => entry.key === key);
    return screen.getByRole("spinbutton", { name: setting ? fieldLabel(setting) : key });
  };

  it("refuses what the API would, in the summary and next to each field, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<MeasurementSettingsForm current={current} />);
    await user.clear(field("measureEverySessions"));
    await user.clear(field("noShowsInARow"));
    await user.type(field("noShowsInARow"), "9");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    const summary = screen.getByRole("alert");
    expect(within(summary).getAllByRole("button").map(textOf)).toEqual([
      "Enter a whole number of sessions from 1 to 8.",
      "Enter a whole number from 2 to 6.",
    ]);
    expectFieldError(field("measureEverySessions"), "Enter a whole number of sessions from 1 to 8.");
    expectFieldError(field("noShowsInARow"), "Enter a whole number from 2 to 6.");
    expect(document.activeElement).toBe(field("measureEverySessions"));
    expect(api.requests).toEqual([]);
  });

  it("saves the changed settings and the supervision rule with the version read, and says so", async () => {
    const api = stubFetch().on(`PUT ${SETTINGS}`, (request) => {
      const body = request.body as {
        settings: MeasurementSettings;
        supervision: typeof defaultSupervisionSettings;
      };
      return json(measurementSettingsResponse, {
        ...current,
        settings: body.settings,
        supervision: body.supervision,
        version: 4,
      });
    });
    const { user } = renderWithProviders(<MeasurementSettingsForm current={current} />);
    await user.clear(field("earlyReviewSession"));
    await user.type(field("earlyReviewSession"), "6");
    await user.click(screen.getByRole("checkbox", { name: supervisionSettingFields[0]?.label }));
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(api.sent(`PUT ${SETTINGS}`)[0]?.body).toEqual({
      version: 3,
      settings: { ...saved, earlyReviewSession: 6 },
      supervision: { ...defaultSupervisionSettings, coSignBeforeMiddle: true },
      service: { timeZone: "Australia/Sydney" },
      safety: { escalateAfterDays: 10 },
      questionnaires: defaultQuestionnaireSettings,
      questionnaireSending: defaultQuestionnaireSendingSettings,
    });
  });

  it("saves the automatic-sending group (off by default), and refuses 0 hours at its field", async () => {
    const api = stubFetch().on(`PUT ${SETTINGS}`, (request) => {
      const body = request.body as { questionnaireSending: typeof defaultQuestionnaireSendingSettings };
      return json(measurementSettingsResponse, {
        ...current,
        questionnaireSending: body.questionnaireSending,
        version: 4,
      });
    });
    const { user } = renderWithProviders(<MeasurementSettingsForm current={current} />);
    const group = screen.getByRole("group", { name: "Automatic questionnaire sending" });
    const automatic = within(group).getByRole("checkbox", {
      name: /E-mail the questionnaires before each session/,
    });
    expect(automatic).toHaveProperty("checked", false);
    const before = within(group).getByRole("spinbutton", { name: "Send this many hours before the session" });
    await user.clear(before);
    await user.type(before, "0");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expectFieldError(before, "Must be at least 1 hour.");
    expect(api.requests).toEqual([]);

    await user.clear(before);
    await user.type(before, "24");
    await user.click(automatic);
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(
      (api.sent(`PUT ${SETTINGS}`)[0]?.body as { questionnaireSending: object }).questionnaireSending,
    ).toEqual({ automatic: true, hoursBefore: 24, reminderAfterHours: 24 });
    expect(within(group).getByRole("checkbox", { name: /E-mail the questionnaires/ })).toHaveProperty(
      "checked",
      true,
    );
  });

  it("saves the client questionnaire group, and refuses an empty service name and 0 hours at their fields", async () => {
    const api = stubFetch().on(`PUT ${SETTINGS}`, (request) => {
      const body = request.body as { questionnaires: typeof defaultQuestionnaireSettings };
      return json(measurementSettingsResponse, {
        ...current,
        questionnaires: body.questionnaires,
        version: 4,
      });
    });
    const { user } = renderWithProviders(<MeasurementSettingsForm current={current} />);
    const name = screen.getByRole("textbox", { name: "Service name shown to clients" });
    const hours = screen.getByRole("spinbutton", { name: "A questionnaire link works for (hours)" });
    await user.clear(name);
    await user.clear(hours);
    await user.type(hours, "0");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expectFieldError(name, "Enter the service's name.");
    expectFieldError(hours, "Must be at least 1 hour.");
    expect(api.requests).toEqual([]);

    await user.type(name, "Riverside Talking Therapies");
    await user.clear(hours);
    await user.type(hours, "48");
    await user.click(screen.getByRole("checkbox", { name: /confirm their year of birth/ }));
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect((api.sent(`PUT ${SETTINGS}`)[0]?.body as { questionnaires: object }).questionnaires).toEqual({
      ...defaultQuestionnaireSettings,
      serviceName: "Riverside Talking Therapies",
      linkLifetimeHours: 48,
      identityCheck: true,
    });
  });

  it("saves the safety group's escalation days, and refuses 0 at its field", async () => {
    const api = stubFetch().on(`PUT ${SETTINGS}`, (request) => {
      const body = request.body as { safety: { escalateAfterDays: number } };
      return json(measurementSettingsResponse, { ...current, safety: body.safety, version: 4 });
    });
    const { user } = renderWithProviders(<MeasurementSettingsForm current={current} />);
    const days = screen.getByRole("spinbutton", { name: safetySettingFields[0]?.label });
    await user.clear(days);
    await user.type(days, "0");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expectFieldError(days, "Must be at least 1 day.");
    expect(api.requests).toEqual([]);
    await user.clear(days);
    await user.type(days, "14");
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(api.sent(`PUT ${SETTINGS}`)[0]?.body).toMatchObject({ safety: { escalateAfterDays: 14 } });
  });

  it("fills in the defaults on Restore defaults, to be saved", async () => {
    const { user } = renderWithProviders(<MeasurementSettingsForm current={current} />);
    await user.click(screen.getByRole("button", { name: "Restore defaults" }));
    expect(field("noShowsInARow")).toHaveProperty("value", String(defaultMeasurementSettings.noShowsInARow));
    expect(screen.getByText("The defaults are filled in. Save settings to use them.")).toBeTruthy();
  });
});
