import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { _t } from "@web/core/l10n/translation";
import { formatMoney } from "@tyre_catalog/catalog/format";
import { phaseText, ProgressBar, runJob } from "./portal_job";

const STATUS_CLASSES = {
    ok: "text-bg-success",
    pack_size: "text-bg-warning",
    no_stock: "text-bg-warning",
};

// Share of the bar for sending the file; checking it on the server takes the rest.
const UPLOAD_SHARE = 20;

/**
 * /my/b2b/quick-order: send the file, follow its check on the server (read, find the
 * articles, stock, prices) on one progress bar, show the preview (nothing is added yet),
 * then add the good lines (and, if ticked, the suggested quantities) in one step.
 */
export class B2bQuickOrder extends Interaction {
    static selector = ".o_b2b_quick_order";
    dynamicContent = {
        ".o_b2b_quick_order_form": { "t-on-submit.prevent": this.locked(this.onPreview, true) },
        ".o_b2b_preview": { "t-on-click": this.onPreviewClick },
    };

    setup() {
        this.form = this.el.querySelector(".o_b2b_quick_order_form");
        this.progress = new ProgressBar(
            this.el.querySelector(".o_b2b_progress"),
            this.el.querySelector(".o_b2b_progress_label")
        );
        this.status = this.el.querySelector(".o_b2b_status");
        this.previewEl = this.el.querySelector(".o_b2b_preview");
        this.preview = null;
    }

    upload() {
        return new Promise((resolve, reject) => {
            const xhr = new XMLHttpRequest();
            xhr.open("POST", this.form.action);
            xhr.upload.onprogress = (ev) => {
                if (ev.lengthComputable) {
                    this.progress.show(
                        (ev.loaded / ev.total) * UPLOAD_SHARE,
                        _t("Sending the file…")
                    );
                }
            };
            xhr.onload = () => {
                try {
                    resolve(JSON.parse(xhr.responseText));
                } catch {
                    reject(new Error(_t("The server could not read the file.")));
                }
            };
            xhr.onerror = () => reject(new Error(_t("The upload failed; try again.")));
            xhr.send(new FormData(this.form));
        });
    }

    showJob(status) {
        this.progress.show(
            UPLOAD_SHARE + (status.progress * (100 - UPLOAD_SHARE)) / 100,
            phaseText(status)
        );
    }

    async onPreview() {
        this.previewEl.replaceChildren();
        this.status.className = "o_b2b_status small mb-2 text-muted";
        this.status.textContent = "";
        this.progress.show(0, _t("Sending the file…"));
        const result = await runJob(
            () => this.upload(),
            (status) => this.showJob(status),
            (promise) => this.waitFor(promise)
        );
        if (result.error) {
            this.progress.hide();
            this.status.className = "o_b2b_status small mb-2 text-danger o_b2b_file_error";
            this.status.textContent = result.error;
            return;
        }
        this.preview = result.result;
        this.renderPreview();
    }

    renderPreview() {
        const { lines, summary, currency } = this.preview;
        const header = document.createElement("div");
        header.className = "mb-2 o_b2b_preview_summary";
        header.textContent = _t(
            "%(ok)s lines can be added, %(bad)s cannot; %(merged)s merged from repeated articles.",
            {
                ok: summary.ok,
                bad: lines.length - summary.ok,
                merged: summary.merged,
            }
        );
        const table = document.createElement("table");
        table.className = "table table-sm o_b2b_preview_table";
        const head = table.createTHead().insertRow();
        for (const title of [
            _t("Line"), _t("Article"), _t("Product"), _t("Warehouse"), _t("Quantity"),
            _t("Price"), _t("Status"), "",
        ]) {
            const th = document.createElement("th");
            th.textContent = title;
            head.appendChild(th);
        }
        const body = table.createTBody();
        lines.forEach((line, index) => {
            const row = body.insertRow();
            row.className = `o_b2b_preview_line o_b2b_status_${line.status}`;
            const cells = [
                line.source_lines.join(", "),
                line.article,
                line.product,
                line.warehouse || "",
                String(line.quantity || ""),
                line.price ? formatMoney(line.price, currency) : "",
            ];
            for (const text of cells) {
                row.insertCell().textContent = text;
            }
            const statusCell = row.insertCell();
            const badge = document.createElement("span");
            badge.className = `badge ${STATUS_CLASSES[line.status] || "text-bg-danger"}`;
            badge.textContent = line.ok ? _t("Found") : line.message;
            statusCell.appendChild(badge);
            if (line.merged) {
                const merged = document.createElement("div");
                merged.className = "small text-muted";
                merged.textContent = _t("Merged from lines %(lines)s", {
                    lines: line.source_lines.join(", "),
                });
                statusCell.appendChild(merged);
            }
            if (line.suggestions.length) {
                const hint = document.createElement("div");
                hint.className = "small text-muted o_b2b_suggestions";
                hint.textContent = _t("Did you mean: %(codes)s?", {
                    codes: line.suggestions.join(", "),
                });
                statusCell.appendChild(hint);
            }
            const choice = row.insertCell();
            if (line.suggested_quantity && line.product_id && line.warehouse_id) {
                const label = document.createElement("label");
                label.className = "small text-nowrap";
                const box = document.createElement("input");
                box.type = "checkbox";
                box.className = "form-check-input me-1 o_b2b_use_suggested";
                box.dataset.index = index;
                label.appendChild(box);
                label.append(_t("take %(qty)s", { qty: line.suggested_quantity }));
                choice.appendChild(label);
            }
        });
        const button = document.createElement("button");
        button.className = "btn btn-primary o_b2b_add_lines";
        button.textContent = _t("Add the good lines to the cart");
        button.disabled = !summary.ok && !lines.some((l) => l.suggested_quantity);
        this.previewEl.replaceChildren(header, table, button);
    }

    async onPreviewClick(ev) {
        if (!ev.target.classList.contains("o_b2b_add_lines")) {
            return;
        }
        const chosen = this.preview.lines
            .filter((line) => line.ok)
            .map((line) => ({
                product_id: line.product_id,
                warehouse_id: line.warehouse_id,
                quantity: line.quantity,
            }));
        for (const box of this.previewEl.querySelectorAll(".o_b2b_use_suggested:checked")) {
            const line = this.preview.lines[Number(box.dataset.index)];
            chosen.push({
                product_id: line.product_id,
                warehouse_id: line.warehouse_id,
                quantity: line.suggested_quantity,
            });
        }
        if (!chosen.length) {
            this.status.className = "o_b2b_status small mb-2 text-danger";
            this.status.textContent = _t("No line can be added.");
            return;
        }
        ev.target.disabled = true;
        const result = await this.waitFor(rpc("/my/b2b/quick-order/add", { lines: chosen }));
        if (result.error) {
            ev.target.disabled = false;
            this.status.className = "o_b2b_status small mb-2 text-danger o_b2b_file_error";
            this.status.textContent = result.error;
            return;
        }
        this.status.className = "o_b2b_status small mb-2 text-success";
        this.status.textContent = _t("Lines added to the cart.");
        window.location.href = result.cart_url;
    }
}

registry.category("public.interactions").add("b2b_portal.quick_order", B2bQuickOrder);
