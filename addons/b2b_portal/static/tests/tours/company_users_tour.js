import { registry } from "@web/core/registry";

// The head of ШинТорг switches to another legal entity and adds a buyer limited to two
// of the holding's entities; the head vouches for her, so she is confirmed at once.
registry.category("web_tour.tours").add("b2b_portal_company_users", {
    url: "/my/company",
    steps: () => [
        {
            content: "The header shows the current legal entity",
            trigger: ".o_b2b_entity_current:contains('ООО «ШинТорг»')",
            run: "click",
        },
        {
            content: "Switch to ШинТорг-Регион",
            trigger: ".o_b2b_entity_option:contains('ШинТорг-Регион')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The company page now shows the requisites of ШинТорг-Регион",
            trigger: ".o_b2b_requisites:contains('5032543231')",
        },
        {
            content: "Open the users",
            trigger: "a.o_b2b_users_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Add a user",
            trigger: "a.o_b2b_add_user",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "input[name='name']",
            run: "edit Анна Белова",
        },
        {
            trigger: "input[name='email']",
            run: "edit anna@shintorg.demo",
        },
        {
            content: "Buyer for the main entity",
            trigger: ".o_b2b_user_form .row:has(label:contains('ООО «ШинТорг»')) select",
            run: "select buyer",
        },
        {
            content: "Buyer for ШинТорг-Регион",
            trigger: ".o_b2b_user_form .row:has(label:contains('ШинТорг-Регион')) select",
            run: "select buyer",
        },
        {
            trigger: ".o_b2b_user_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new user is listed, confirmed at once: the head vouches for her",
            trigger: ".o_b2b_users tr:contains('Анна Белова'):not(:has(.o_b2b_unconfirmed))",
        },
    ],
});
