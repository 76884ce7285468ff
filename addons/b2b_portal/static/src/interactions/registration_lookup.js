import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

const FILLED_FIELDS = ["name", "full_name", "kpp", "ogrn", "address", "director"];

/**
 * /b2b/register: when the INN field loses focus, ask the company registry for the
 * requisites and fill them in; on an error, say so and leave the form to be filled by hand.
 */
export class B2bRegistrationLookup extends Interaction {
    static selector = ".o_b2b_register_form";
    dynamicContent = {
        "input[name='inn']": { "t-on-change": this.locked(this.onInnChange, true) },
    };

    setup() {
        this.status = this.el.querySelector(".o_b2b_lookup_status");
    }

    async onInnChange(ev) {
        const inn = ev.target.value.trim();
        if (!inn) {
            return;
        }
        this.showStatus("text-muted", this.el.dataset.searchingText);
        const result = await this.waitFor(rpc("/b2b/register/lookup", { inn }));
        if (!result.found) {
            this.showStatus("text-danger", result.error);
            return;
        }
        for (const field of FILLED_FIELDS) {
            const input = this.el.querySelector(`[name='${field}']`);
            if (input && result.values[field]) {
                input.value = result.values[field];
            }
        }
        this.showStatus("text-success", this.el.dataset.foundText);
    }

    showStatus(cssClass, text) {
        this.status.className = `o_b2b_lookup_status small ${cssClass}`;
        this.status.textContent = text;
    }
}

registry.category("public.interactions").add("b2b_portal.registration_lookup", B2bRegistrationLookup);
