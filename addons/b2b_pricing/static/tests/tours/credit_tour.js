import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_pricing_credit", {
    url: "/my",
    steps: () => [
        {
            content: "Open the credit page from the portal home",
            trigger: "a[href$='/my/credit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The gauge shows the used share of the limit",
            trigger: "svg.o_b2b_credit_gauge text:contains('%')",
        },
        {
            content: "Limit, used and available are shown",
            trigger: ".o_b2b_credit_available",
        },
        {
            content: "The volume progress bar and the next level",
            trigger: ".o_b2b_tier_progress",
        },
        {
            content: "The amount still needed for the next level",
            trigger: ".o_b2b_tier_next strong",
        },
        {
            content: "The contract terms",
            trigger: ".o_b2b_contract_row",
        },
    ],
});
