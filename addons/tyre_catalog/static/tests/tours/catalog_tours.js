import { registry } from "@web/core/registry";

const settled = ".o_tyre_catalog:not(:has(.o_tyre_loading))";

function facetValues(facet) {
    return [...document.querySelectorAll(`.o_tyre_facet[data-facet=${facet}] .o_tyre_facet_value`)];
}

function assert(condition, message) {
    if (!condition) {
        throw new Error(`Assertion failed: ${message}`);
    }
}

/**
 * A distributor narrows the catalog by width and diameter, checks that the other facets follow
 * and that a shown count is the number of products then listed, and orders from a warehouse.
 */
registry.category("web_tour.tours").add("tyre_catalog_filters_cart", {
    url: "/my/catalog",
    steps: () => {
        let profilesBefore = [];
        let width = null;
        let expectedTotal = null;
        return [
            {
                content: "The catalog lists products and offers profiles",
                trigger: `${settled} .o_tyre_facet[data-facet=profile] .o_tyre_facet_value`,
                run() {
                    profilesBefore = facetValues("profile").map((el) => el.dataset.value);
                    assert(document.querySelector(".o_tyre_row"), "the table shows products");
                },
            },
            {
                content: "Pick the first width",
                trigger: ".o_tyre_facet[data-facet=width] .o_tyre_facet_chip",
                run() {
                    width = this.anchor.dataset.value;
                    this.anchor.click();
                },
            },
            {
                content: "The width is selected and the result reloaded",
                trigger: `${settled} .o_tyre_facet[data-facet=width] .o_tyre_facet_chip.btn-primary`,
                run() {
                    assert(this.anchor.dataset.value === width, "the picked width is selected");
                    assert(
                        new URLSearchParams(location.search).get("width") === width,
                        "the address holds the filter"
                    );
                    const profilesAfter = facetValues("profile").map((el) => el.dataset.value);
                    assert(profilesAfter.length, "some profiles remain for the width");
                    assert(
                        profilesAfter.every((value) => profilesBefore.includes(value)),
                        "no profile appears that was not offered before"
                    );
                    assert(
                        profilesBefore.some((value) => !profilesAfter.includes(value)),
                        `a profile that does not exist with width ${width} disappeared`
                    );
                    for (const el of facetValues("profile").concat(facetValues("diameter"))) {
                        assert(Number(el.dataset.count) > 0, "each offered value has products");
                    }
                },
            },
            {
                content: "Pick a diameter and remember the count it announced",
                trigger: `${settled} .o_tyre_facet[data-facet=diameter] .o_tyre_facet_chip:not(.btn-primary)`,
                run() {
                    expectedTotal = Number(this.anchor.dataset.count);
                    this.anchor.click();
                },
            },
            {
                content: "The table then holds exactly that many products",
                trigger: `${settled} .o_tyre_facet[data-facet=diameter] .o_tyre_facet_chip.btn-primary`,
                run() {
                    const total = Number(document.querySelector(".o_tyre_total").dataset.total);
                    assert(total === expectedTotal, `total ${total} = announced ${expectedTotal}`);
                    const rows = document.querySelectorAll(".o_tyre_row").length;
                    assert(rows === Math.min(expectedTotal, 50), `${rows} rows shown`);
                },
            },
            {
                content: "Type 2 pieces into a warehouse that has stock",
                trigger: ".o_tyre_row .o_tyre_qty:enabled",
                run() {
                    this.anchor.value = "2";
                    this.anchor.dispatchEvent(new Event("change"));
                },
            },
            {
                content: "Add the row to the cart",
                trigger: ".o_tyre_row .o_tyre_add_row.btn-primary",
                run: "click",
            },
            {
                content: "A toast confirms",
                trigger: ".o_notification:contains(В корзину добавлено)",
            },
            {
                content: "The cart counter shows the 2 pieces",
                trigger: "header .my_cart_quantity:text(2)",
            },
        ];
    },
});

/**
 * Suggestions survive a wrong keyboard layout, a size suggestion applies its filters, the back
 * button undoes them, and an empty result offers to reset.
 */
registry.category("web_tour.tours").add("tyre_catalog_suggest", {
    url: "/my/catalog",
    steps: () => [
        {
            content: "Type Michelin with the Russian layout on",
            trigger: ".o_tyre_search_input",
            run: "edit ьшсрудшт",
        },
        {
            content: "The correction is announced",
            trigger: ".o_tyre_corrected",
            run() {
                const text = this.anchor.textContent.toLowerCase();
                assert(text.includes("michelin"), `"${text}" announces Michelin`);
            },
        },
        {
            content: "Michelin is suggested as a brand",
            trigger: ".o_tyre_suggest_brand:contains(Michelin)",
        },
        {
            content: "Type a size without separators",
            trigger: ".o_tyre_search_input",
            run: "edit 2055516",
        },
        {
            content: "Pick the 205/55 R16 suggestion",
            trigger: ".o_tyre_suggest_size:contains(205/55)",
            run: "click",
        },
        {
            content: "The size filters are applied",
            trigger: `${settled} .o_tyre_facet[data-facet=diameter] .o_tyre_facet_chip.btn-primary`,
            run() {
                const params = new URLSearchParams(location.search);
                assert(params.get("width") === "205", "width 205 applied");
                assert(params.get("profile") === "55", "profile 55 applied");
                assert(Number(params.get("diameter")) === 16, "diameter 16 applied");
                const sizes = [...document.querySelectorAll(".o_tyre_row .o_tyre_size")];
                assert(sizes.length, "products of the size are listed");
                assert(
                    sizes.every((el) => el.textContent.includes("205/55")),
                    "only 205/55 sizes are listed"
                );
            },
        },
        {
            content: "The back button returns to the unfiltered catalog",
            trigger: ".o_tyre_chip",
            run() {
                history.back();
            },
        },
        {
            content: "No filter is selected any more",
            trigger: `${settled} .o_tyre_toolbar:not(:has(.o_tyre_chip)) .o_tyre_total`,
            run() {
                assert(!location.search.includes("width"), "the address lost the filters");
                assert(!document.querySelector(".o_tyre_facet_chip.btn-primary"), "no chip on");
            },
        },
        {
            content: "Search for something the catalog does not have",
            trigger: ".o_tyre_search_input",
            run: "edit qqqqqqqqqqqq",
        },
        {
            content: "Submit the search",
            trigger: ".o_tyre_search .btn-primary",
            run: "click",
        },
        {
            content: "A helpful message offers to reset the filters",
            trigger: ".o_tyre_empty .o_tyre_reset",
            run: "click",
        },
        {
            content: "The catalog is listed again",
            trigger: `${settled} .o_tyre_row`,
        },
    ],
});

/**
 * Paging from the bottom of the list shows the next page from the top of the catalog, with
 * no script error on the way.
 */
registry.category("web_tour.tours").add("tyre_catalog_paging", {
    url: "/my/catalog",
    steps: () => {
        let firstArticle = null;
        return [
            {
                content: "Scroll down to the pager under the first page",
                trigger: `${settled} .o_tyre_row`,
                run() {
                    firstArticle = document.querySelector(".o_tyre_row").dataset.productId;
                    document.querySelector(".o_tyre_catalog .pagination").scrollIntoView();
                    const top = document.querySelector(".o_tyre_catalog").getBoundingClientRect().top;
                    assert(top < -500, `the catalog's top is scrolled away (${top}px)`);
                },
            },
            {
                content: "Open page 2",
                trigger: ".o_tyre_catalog .pagination .page-link:text(2)",
                run: "click",
            },
            {
                content: "Page 2 is listed and the catalog's top is back in view",
                trigger: `${settled} .pagination .page-item.active .page-link:text(2)`,
                run() {
                    const params = new URLSearchParams(location.search);
                    assert(params.get("page") === "2", "the address holds the page");
                    const row = document.querySelector(".o_tyre_row");
                    assert(row.dataset.productId !== firstArticle, "other products are listed");
                    const top = document.querySelector(".o_tyre_catalog").getBoundingClientRect().top;
                    assert(top > -5 && top < window.innerHeight, `the catalog's top is shown (${top}px)`);
                },
            },
        ];
    },
});
