import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

/**
 * The price import wizard's progress bar follows the server's bus reports: the wizard's file
 * is imported (as its Import button does) and the bar shows how far the server got.
 */
registry.category("web_tour.tours").add("b2b_pricing_import_progress", {
    steps: () => [
        {
            content: "The import wizard is open, no progress yet",
            trigger: ".o_form_view .o_field_widget[name=file]",
            run() {
                if (document.querySelector(".o_b2b_price_import_progress")) {
                    throw new Error("a progress bar is shown before any import");
                }
            },
        },
        {
            content: "Import the wizard's file on the server",
            trigger: ".o_form_view",
            async run() {
                const wizardId = parseInt(location.pathname.split("/").pop());
                await rpc("/web/dataset/call_kw/b2b.price.import/action_import", {
                    model: "b2b.price.import",
                    method: "action_import",
                    args: [wizardId],
                    kwargs: {},
                });
            },
        },
        {
            content: "The progress bar reached 100 %",
            trigger: ".o_b2b_price_import_progress .progress-bar:contains(100%)",
        },
        {
            content: "It says what the server did last",
            trigger: ".o_b2b_price_import_progress_message:contains(Saving prices: 1 of 1)",
        },
    ],
});
