import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { _t } from "@web/core/l10n/translation";
import { formatMoney } from "@tyre_catalog/catalog/format";

/**
 * A price breakdown popover: any element with data-b2b-breakdown-product="<product id>"
 * (catalog, cart, product page) shows, on click, how the customer's net price is made.
 */
export class B2bPriceBreakdown extends Interaction {
    static selector = "[data-b2b-breakdown-product]";
    dynamicContent = {
        _root: { "t-on-click.prevent": this.toggle },
    };

    async toggle() {
        if (this.popover) {
            this.popover.remove();
            this.popover = null;
            return;
        }
        const productId = parseInt(this.el.dataset.b2bBreakdownProduct);
        const response = await this.waitFor(fetch(`/my/price_breakdown/${productId}`));
        if (!response.ok) {
            return;
        }
        const data = await this.waitFor(response.json());
        const format = (value) => formatMoney(value, data.currency);
        const table = document.createElement("table");
        table.className = "table table-sm mb-0 o_b2b_price_breakdown";
        const addRow = (label, value, bold) => {
            const row = table.insertRow();
            row.className = bold ? "fw-bold" : "";
            row.insertCell().textContent = label;
            const cell = row.insertCell();
            cell.className = "text-end";
            cell.textContent = format(value);
        };
        addRow(_t("Base price"), data.base);
        for (const line of data.lines) {
            addRow(line.label, line.after);
        }
        addRow(_t("Net price"), data.net, true);
        this.popover = document.createElement("div");
        this.popover.className = "card shadow position-absolute p-2 o_b2b_breakdown_popover";
        this.popover.style.zIndex = 1050;
        this.popover.appendChild(table);
        this.insert(this.popover, this.el, "afterend");
    }
}

registry.category("public.interactions").add("b2b_pricing.price_breakdown", B2bPriceBreakdown);
