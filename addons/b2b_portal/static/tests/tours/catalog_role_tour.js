import { registry } from "@web/core/registry";

/**
 * A role that does not order (the accountant) browses the catalog with stock and prices but
 * is offered no quantities and no "Add to cart".
 */
registry.category("web_tour.tours").add("b2b_portal_catalog_without_ordering", {
    url: "/my/catalog",
    steps: () => [
        {
            content: "The catalog lists tyres with their prices",
            trigger: ".o_tyre_catalog:not(:has(.o_tyre_loading)) .o_tyre_row .o_tyre_price",
            run() {
                const offered = document.querySelectorAll(
                    ".o_tyre_catalog .o_tyre_qty, .o_tyre_catalog .o_tyre_add_row, .o_tyre_add_all"
                );
                if (offered.length) {
                    throw new Error(`${offered.length} ordering controls are offered`);
                }
            },
        },
    ],
});
