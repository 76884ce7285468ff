import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { _t } from "@web/core/l10n/translation";
import { phaseText, postJson, ProgressBar, runJob } from "./portal_job";

/**
 * /my/b2b/pricelist: the download buttons make the file on the server as a job whose steps
 * (choose the products, stock, prices, write the file) move the progress bar; the file is
 * then downloaded. Without JavaScript the buttons download it directly.
 */
export class B2bPricelistDownload extends Interaction {
    static selector = ".o_b2b_pricelist";
    dynamicContent = {
        ".o_b2b_pricelist_form": { "t-on-submit.prevent": this.locked(this.onSubmit, true) },
    };

    setup() {
        this.form = this.el.querySelector(".o_b2b_pricelist_form");
        this.progress = new ProgressBar(
            this.el.querySelector(".o_b2b_progress"),
            this.el.querySelector(".o_b2b_progress_label")
        );
        this.status = this.el.querySelector(".o_b2b_status");
    }

    async onSubmit(ev) {
        const button = ev.submitter || this.form.querySelector("[data-prepare-url]");
        const url = button.dataset.prepareUrl;
        this.status.className = "o_b2b_status small mb-2";
        this.status.replaceChildren();
        this.progress.show(0, _t("Starting…"));
        const status = await runJob(
            () => postJson(url, new FormData(this.form)),
            (current) => this.progress.show(current.progress, phaseText(current)),
            (promise) => this.waitFor(promise)
        );
        if (status.error) {
            this.progress.hide();
            this.status.className = "o_b2b_status small mb-2 text-danger o_b2b_file_error";
            this.status.textContent = status.error;
            return;
        }
        // A download link (the page stays), clicked once for the user.
        const link = document.createElement("a");
        link.className = "o_b2b_pricelist_ready";
        link.href = status.download_url;
        link.download = "";
        link.textContent = _t("Download the price list again");
        this.status.replaceChildren(link);
        link.click();
    }
}

registry
    .category("public.interactions")
    .add("b2b_portal.pricelist_download", B2bPricelistDownload);
