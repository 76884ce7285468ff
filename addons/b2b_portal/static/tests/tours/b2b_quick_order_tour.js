import { registry } from "@web/core/registry";

function uploadStep(makeFile) {
    return {
        content: "Choose the order file",
        trigger: ".o_b2b_quick_order_form input[type=file]",
        async run() {
            const file = await makeFile();
            const transfer = new DataTransfer();
            transfer.items.add(file);
            this.anchor.files = transfer.files;
        },
    };
}

// The file is sent, then checked on the server step by step: the bar goes up to 100 %.
const waitForCheckSteps = [
    { content: "Ask for the preview", trigger: ".o_b2b_preview_button", run: "click" },
    {
        content: "The progress bar shows the check to its end",
        trigger: ".o_b2b_progress[aria-valuenow='100'] .progress-bar.bg-success",
    },
    {
        content: "The label says the file is checked",
        trigger: ".o_b2b_progress_label:not(:empty)",
    },
];

function previewAddCheckoutSteps() {
    return [
        ...waitForCheckSteps,
        {
            content: "The preview lists the found line",
            trigger: ".o_b2b_preview_table .o_b2b_status_ok",
        },
        {
            content: "Add the good lines",
            trigger: ".o_b2b_add_lines",
            run: "click",
            expectUnloadPage: true,
        },
        { content: "The cart shows the line", trigger: ".o_b2b_cart .o_b2b_cart_line" },
        {
            content: "Give the purchase order number",
            trigger: ".o_b2b_checkout input[name=client_order_ref]",
            run: "edit PO-TOUR-1",
        },
        {
            content: "Place the order",
            trigger: ".o_b2b_checkout_button",
            run: "click",
            expectUnloadPage: true,
        },
        { content: "The order is confirmed", trigger: ".o_b2b_checked_out" },
    ];
}

// Upload a CSV → preview (found / not found / bad quantity) → add → checkout.
registry.category("web_tour.tours").add("b2b_quick_order_tour", {
    url: "/my/b2b/quick-order",
    steps: () => [
        uploadStep(
            async () =>
                new File(
                    ["Article;Quantity\nVST-TOUR-1;2\nNO-SUCH-ARTICLE;1\nVST-TOUR-1;-3\n"],
                    "order.csv",
                    { type: "text/csv" }
                )
        ),
        ...waitForCheckSteps,
        {
            content: "Unknown articles are shown as not found",
            trigger: ".o_b2b_preview_table .o_b2b_status_not_found",
        },
        {
            content: "Bad quantities are shown",
            trigger: ".o_b2b_preview_table .o_b2b_status_bad_quantity",
        },
        ...previewAddCheckoutSteps().slice(waitForCheckSteps.length),
    ],
});

// The price list downloaded and filled in (see the test) → upload → preview → add → cart.
registry.category("web_tour.tours").add("b2b_pricelist_roundtrip_tour", {
    url: "/my/b2b/pricelist",
    steps: () => [
        {
            content: "Make the XLSX price list",
            trigger: ".o_b2b_pricelist_xlsx",
            run: "click",
        },
        {
            content: "The progress bar reaches the end and the file is offered",
            trigger: ".o_b2b_progress[aria-valuenow='100'] ~ .o_b2b_status .o_b2b_pricelist_ready",
        },
        {
            content: "Go to the quick order page",
            trigger: "a[href='/my/b2b/quick-order']",
            run: "click",
            expectUnloadPage: true,
        },
        uploadStep(async () => {
            const response = await fetch("/web/content/b2b_portal.tour_filled_pricelist");
            const blob = await response.blob();
            return new File([blob], "pricelist.xlsx", { type: blob.type });
        }),
        ...previewAddCheckoutSteps(),
    ],
});
