import { registry } from "@web/core/registry";

// A distributor logs in and lands on the portal home with its documents.
registry.category("web_tour.tours").add("b2b_portal_smoke", {
    url: "/my",
    steps: () => [
        {
            content: "The portal home lists the distributor's documents",
            trigger: ".o_portal_my_home",
        },
        {
            content: "The signed-in distributor is shown in the header",
            trigger: "header:contains('Ирина Соколова')",
        },
    ],
});
