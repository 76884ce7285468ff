import { _t } from "@web/core/l10n/translation";

/** A failed JSON call as one readable line for the user (never a silent failure). */
export function errorMessage(error) {
    return error?.data?.message || error?.message || _t("The server did not answer.");
}
