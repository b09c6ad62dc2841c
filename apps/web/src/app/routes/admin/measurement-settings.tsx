import type { MeasurementSettingsResponse } from "@ipt/shared";
import { PageHeading } from "../../../components/page-heading";
import { QueryFallback } from "../../../components/states";
import { useMeasurementSettings } from "../../../features/settings/api/measurement-settings";
import { MeasurementSettingsForm } from "../../../features/settings/components/measurement-settings-form";
import { useSignInSettings } from "../../../features/settings/api/sign-in-settings";
import { SignInSettingsForm } from "../../../features/settings/components/sign-in-settings-form";
import { formatDateTime } from "../../../lib/format";

function LastSaved({ current }: { current: MeasurementSettingsResponse }) {
  if (current.version === 0 || !current.updatedAt) {
    return (
      <p className="muted">The documented defaults are in use: these settings have never been changed.</p>
    );
  }
  return (
    <p className="muted">
      Last saved{current.updatedBy ? ` by ${current.updatedBy.name}` : ""} on{" "}
      <time dateTime={current.updatedAt}>{formatDateTime(current.updatedAt)}</time>.
    </p>
  );
}

/** The organisation's settings (admin only): the service's time zone, measurement thresholds, supervision rules. */
export function MeasurementSettingsRoute() {
  const settings = useMeasurementSettings();
  const signIn = useSignInSettings();
  return (
    <div className="page">
      <PageHeading>Organisation settings</PageHeading>
      <p className="section__intro">
        The service's time zone, when PHQ-9 and GAD-7 are due and when a course is flagged, for every course.
        The defaults are recommended starting points, not a published standard. The outcome definitions
        (response, remission, recovery) are fixed and are not settings.
      </p>
      {settings.isPending || settings.isError ? (
        <QueryFallback
          query={settings}
          loading="Loading the settings…"
          errorTitle="The organisation settings could not be loaded."
        />
      ) : (
        <>
          <LastSaved current={settings.data} />
          <MeasurementSettingsForm current={settings.data} />
        </>
      )}
      <section className="section">
        {signIn.isPending || signIn.isError ? (
          <QueryFallback
            query={signIn}
            loading="Loading the sign-in settings…"
            errorTitle="The sign-in settings could not be loaded."
          />
        ) : (
          <SignInSettingsForm current={signIn.data} />
        )}
      </section>
    </div>
  );
}
