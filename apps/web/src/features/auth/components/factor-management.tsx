import type { FactorsResponse } from "@ipt/shared";
import { useState } from "react";
import { FormAlert } from "../../../components/form-fields";
import { formatDateTime } from "../../../lib/format";
import { useRemoveTotp, useRenewRecoveryCodes } from "../api/factors";
import { RecoveryCodes } from "./totp-enrolment";

/** A live authenticator app: when it was set up, recovery codes left, new codes, removal (step-up). */
export function FactorManagement({ factors }: { factors: FactorsResponse }) {
  const renew = useRenewRecoveryCodes();
  const remove = useRemoveTotp();
  const [codes, setCodes] = useState<string[] | null>(null);
  const failed = renew.error ?? remove.error;

  return (
    <div className="stack">
      <p>
        An authenticator app is set up
        {factors.totp.confirmedAt ? ` (since ${formatDateTime(factors.totp.confirmedAt)})` : ""}. Recovery
        codes left: {factors.recoveryCodesLeft} of 10.
      </p>
      <FormAlert message={failed ? failed.message : null} />
      {codes ? <RecoveryCodes codes={codes} /> : null}
      <div className="action-block">
        <p>New recovery codes replace all the old ones.</p>
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={renew.isPending || undefined}
          onClick={() => {
            if (!renew.isPending)
              renew.mutate(undefined, { onSuccess: (answer) => setCodes(answer.recoveryCodes) });
          }}
        >
          {renew.isPending ? "Making new codes…" : "Make new recovery codes"}
        </button>
      </div>
      <div className="action-block">
        <p>
          Removing the app signs you out everywhere else. Where your role requires one, set a new one up at
          once.
        </p>
        <button
          type="button"
          className="button button--danger"
          aria-disabled={remove.isPending || undefined}
          onClick={() => {
            if (!remove.isPending) remove.mutate();
          }}
        >
          {remove.isPending ? "Removing…" : "Remove the authenticator app"}
        </button>
      </div>
    </div>
  );
}
