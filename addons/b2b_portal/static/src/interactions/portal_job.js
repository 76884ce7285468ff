import { _t } from "@web/core/l10n/translation";

/**
 * Long portal work (checking a quick-order file, making a price list) runs on the server as a
 * job of short steps (models/b2b_portal_job.py): the page asks for one step after the other
 * and each answers the status {id, state, phase, phase_label, phase_done, phase_total,
 * progress, error, busy, result, download_url}.
 */

/** POST ``formData`` (the CSRF token added) to a portal route that answers JSON. */
export async function postJson(url, formData = new FormData()) {
    if (!formData.has("csrf_token")) {
        formData.append("csrf_token", odoo.csrf_token);
    }
    const response = await fetch(url, { method: "POST", body: formData });
    if (!response.ok) {
        throw new Error(_t("The server could not finish the work; try again."));
    }
    return response.json();
}

/**
 * Ask for the steps of the job of ``status`` until it is done or failed; ``onProgress`` gets
 * every status. ``waitFor`` is the interaction's, so that nothing goes on once it is gone.
 */
export async function followJob(status, onProgress, waitFor) {
    while (status.state === "running") {
        onProgress(status);
        if (status.busy) {
            // Another request is doing a step of this job (a second tab): ask again soon.
            await waitFor(new Promise((resolve) => setTimeout(resolve, 300)));
        }
        status = await waitFor(postJson(`/my/b2b/jobs/${status.id}/step`));
    }
    onProgress(status);
    return status;
}

/**
 * Start a job (``start`` returns the promise of its first status) and follow it to its end:
 * the final status, or {error} whatever went wrong (refused, failed, network).
 */
export async function runJob(start, onProgress, waitFor) {
    try {
        const status = await waitFor(start());
        return status.error ? status : await followJob(status, onProgress, waitFor);
    } catch (error) {
        return { error: error.message };
    }
}

/** The text under the bar: the phase and, when it counts units, how far it is. */
export function phaseText(status) {
    if (status.state === "running" && status.phase_total > 1) {
        return _t("%(phase)s: %(done)s of %(total)s", {
            phase: status.phase_label,
            done: status.phase_done,
            total: status.phase_total,
        });
    }
    return status.phase_label;
}

/** A Bootstrap progress bar (``.progress > .progress-bar``) with a label beside it. */
export class ProgressBar {
    constructor(el, label) {
        this.el = el;
        this.bar = el.querySelector(".progress-bar");
        this.label = label;
    }

    show(percent, text = "") {
        const value = Math.max(0, Math.min(100, Math.round(percent)));
        this.el.classList.remove("d-none");
        this.el.setAttribute("aria-valuenow", String(value));
        this.bar.style.width = `${value}%`;
        this.bar.classList.toggle("bg-success", value === 100);
        this.bar.classList.toggle("progress-bar-animated", value < 100);
        if (this.label) {
            this.label.textContent = text;
        }
    }

    hide() {
        this.el.classList.add("d-none");
        if (this.label) {
            this.label.textContent = "";
        }
    }
}
