import { Component, onWillStart, useExternalListener, useRef, useState } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { _t } from "@web/core/l10n/translation";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { errorMessage } from "./catalog_errors";
import { FacetPanel, facetTitles } from "./facet_panel";
import { formatMoney, formatStock, stockLevel } from "./format";
import { SearchBox } from "./search_box";
import { DEFAULT_SORT, normalizeFilters, readState, writeState } from "./url_state";
import { VehiclePicker } from "./vehicle_picker";

const VIEW_STORAGE_KEY = "tyre_catalog.view";
const PAGE_SIZE = 50;

/**
 * The distributor's catalog: cross-filtered facets, a dense table or tiles, per-warehouse
 * quantities straight into the cart. Every change goes through the JSON routes, never a reload.
 */
export class Catalog extends Component {
    static template = "tyre_catalog.Catalog";
    static components = { FacetPanel, SearchBox, VehiclePicker };
    static props = {};

    setup() {
        this.notification = useService("notification");
        this.sortOptions = [
            ["popularity", _t("Popularity")],
            ["price_asc", _t("Price: low to high")],
            ["price_desc", _t("Price: high to low")],
            ["promotion", _t("Promotions first")],
            ["name", _t("Name")],
        ];
        this.state = useState({
            ...readState(browser.location.search),
            view: browser.localStorage.getItem(VIEW_STORAGE_KEY) === "tiles" ? "tiles" : "table",
            loading: false,
            error: null,
            result: null,
            quantities: {},
            adding: false,
            filtersOpen: false,
        });
        this.requestId = 0;
        this.rootRef = useRef("root");
        useExternalListener(browser, "popstate", () => {
            Object.assign(this.state, readState(browser.location.search));
            this.load();
        });
        onWillStart(() => {
            this.load(); // not awaited: the skeleton shows until the answer comes
        });
    }

    // ----- loading ------------------------------------------------------------------------

    async load() {
        const requestId = ++this.requestId;
        this.state.loading = true;
        try {
            const result = await rpc("/b2b/catalog/search", {
                filters: this.state.filters,
                search: this.state.search,
                sort: this.state.sort,
                page: this.state.page,
                limit: PAGE_SIZE,
            });
            if (requestId === this.requestId) {
                this.state.result = result;
                this.state.error = null;
            }
        } catch (error) {
            if (requestId === this.requestId) {
                this.state.error = errorMessage(error);
            }
        } finally {
            if (requestId === this.requestId) {
                this.state.loading = false;
            }
        }
    }

    /** Apply a change of filters/search/sort/page: new history entry, then fetch. */
    update(changes) {
        Object.assign(this.state, { page: 1 }, changes);
        const params = new URLSearchParams(writeState(this.state));
        const debug = new URLSearchParams(browser.location.search).get("debug");
        if (debug !== null) {
            params.set("debug", debug); // stay in developer mode
        }
        const query = params.toString() ? `?${params}` : "";
        if (query !== browser.location.search) {
            browser.history.pushState({}, "", `${browser.location.pathname}${query}`);
        }
        return this.load();
    }

    // ----- filters ------------------------------------------------------------------------

    toggleFacetValue(key, value) {
        const values = this.state.filters[key] || [];
        const next = values.some((v) => String(v) === String(value))
            ? values.filter((v) => String(v) !== String(value))
            : [...values, value];
        const filters = { ...this.state.filters, [key]: next };
        if (!next.length) {
            delete filters[key];
        }
        return this.update({ filters });
    }

    toggleInStock(ev) {
        const filters = { ...this.state.filters };
        if (ev.target.checked) {
            filters.in_stock = true;
        } else {
            delete filters.in_stock;
        }
        return this.update({ filters });
    }

    applyFilters(filters) {
        this.state.filtersOpen = false;
        const inStock = this.state.filters.in_stock ? { in_stock: true } : {};
        return this.update({ filters: { ...inStock, ...normalizeFilters(filters) }, search: "" });
    }

    resetFilters() {
        return this.update({ filters: {}, search: "", sort: this.state.sort });
    }

    get hasFilters() {
        return Boolean(Object.keys(this.state.filters).length || this.state.search);
    }

    /** The selected values as removable chips, labelled as the facets label them. */
    get activeChips() {
        const facets = this.state.result?.facets || {};
        const titles = facetTitles();
        const chips = [];
        for (const [key, values] of Object.entries(this.state.filters)) {
            if (!Array.isArray(values)) {
                continue;
            }
            for (const value of values) {
                const option = (facets[key] || []).find((o) => String(o.value) === String(value));
                const label = option ? option.label : String(value);
                // "Yes"/"No" alone says nothing: name the facet ("Studs: Yes").
                chips.push({
                    key,
                    value,
                    label: typeof value === "boolean" ? `${titles[key]}: ${label}` : label,
                });
            }
        }
        return chips;
    }

    search(text) {
        return this.update({ search: text });
    }

    setSort(ev) {
        return this.update({ sort: ev.target.value || DEFAULT_SORT });
    }

    setPage(page) {
        this.update({ page });
        // The new page starts at the top of the catalog, whichever element scrolls the page
        // (the website's #wrapwrap, not the window; Odoo's ``browser`` has no scrollTo).
        this.rootRef.el.scrollIntoView({ block: "start" });
    }

    setView(view) {
        this.state.view = view;
        browser.localStorage.setItem(VIEW_STORAGE_KEY, view);
    }

    /** Quantities and "Add to cart" only for a role that orders (the server says so). */
    get canOrder() {
        return this.state.result?.can_order !== false;
    }

    // ----- paging -------------------------------------------------------------------------

    get pageCount() {
        const result = this.state.result;
        return result ? Math.max(1, Math.ceil(result.total / (result.limit || PAGE_SIZE))) : 1;
    }

    get pageNumbers() {
        const count = this.pageCount;
        const current = this.state.page;
        const first = Math.max(1, Math.min(current - 2, count - 4));
        const last = Math.min(count, first + 4);
        const pages = [];
        for (let page = first; page <= last; page++) {
            pages.push(page);
        }
        return pages;
    }

    get rangeText() {
        const { total, page, limit } = this.state.result;
        const first = total ? (page - 1) * limit + 1 : 0;
        const last = Math.min(total, page * limit);
        return _t("%(first)s–%(last)s of %(total)s", { first, last, total });
    }

    // ----- display helpers ----------------------------------------------------------------

    money(amount, currency) {
        return formatMoney(amount, currency);
    }

    stockOf(product, warehouse) {
        return product.stock.find((s) => s.warehouse_id === warehouse.id)?.qty || 0;
    }

    stockText(qty) {
        return formatStock(qty);
    }

    stockClass(qty) {
        return `o_tyre_stock o_tyre_stock_${stockLevel(qty)}`;
    }

    seasonTitle(season) {
        return {
            summer: _t("Summer"),
            winter: _t("Winter"),
            all_season: _t("All-season"),
        }[season] || season || "";
    }

    // ----- cart ---------------------------------------------------------------------------

    quantityKey(product, warehouse) {
        return `${product.id}:${warehouse.id}`;
    }

    setQuantity(product, warehouse, ev) {
        const qty = parseInt(ev.target.value, 10);
        const key = this.quantityKey(product, warehouse);
        if (qty > 0) {
            this.state.quantities[key] = qty;
        } else {
            delete this.state.quantities[key];
            ev.target.value = "";
        }
    }

    onQuantityKeydown(product, ev) {
        if (ev.key === "Enter") {
            ev.target.dispatchEvent(new Event("change"));
            this.addToCart(product);
        }
    }

    quantityOf(product, warehouse) {
        return this.state.quantities[this.quantityKey(product, warehouse)] || "";
    }

    rowHasQuantity(product) {
        return Object.keys(this.state.quantities).some((key) => key.startsWith(`${product.id}:`));
    }

    get filledLineCount() {
        return Object.keys(this.state.quantities).length;
    }

    /** Send the filled quantities of one product, or of every product when none is given. */
    async addToCart(product = null) {
        const keys = Object.keys(this.state.quantities).filter(
            (key) => !product || key.startsWith(`${product.id}:`)
        );
        if (!keys.length) {
            this.notification.add(_t("Enter a quantity in a warehouse column first."), {
                type: "warning",
            });
            return;
        }
        const lines = keys.map((key) => {
            const [productId, warehouseId] = key.split(":").map(Number);
            const qty = this.state.quantities[key];
            return { product_id: productId, warehouse_id: warehouseId, qty };
        });
        this.state.adding = true;
        try {
            const result = await rpc("/b2b/catalog/cart/add", { lines });
            for (const key of keys) {
                delete this.state.quantities[key];
            }
            updateCartCounter(result.cart_quantity);
            const errors = result.errors || [];
            if (!errors.length) {
                const pieces = lines.reduce((sum, line) => sum + line.qty, 0);
                this.notification.add(_t("%s pcs added to the cart.", pieces), {
                    type: "success",
                    title: _t("Cart"),
                });
            } else {
                // The server names the refused lines; what it did add stays in the cart.
                this.notification.add(errors.join("\n"), {
                    type: "warning",
                    sticky: true,
                    title: _t("%(added)s of %(total)s lines added to the cart", {
                        added: result.lines || 0,
                        total: lines.length,
                    }),
                });
            }
        } catch (error) {
            this.notification.add(errorMessage(error), {
                type: "danger",
                title: _t("Not added to the cart"),
            });
        } finally {
            this.state.adding = false;
        }
    }
}

/** Update the cart badge(s) of the website header, as website_sale does after an add. */
function updateCartCounter(quantity) {
    if (quantity === undefined || quantity === null) {
        return;
    }
    browser.sessionStorage.setItem("website_sale_cart_quantity", quantity);
    document.querySelectorAll("li.o_wsale_my_cart").forEach((el) => el.classList.remove("d-none"));
    for (const badge of document.querySelectorAll(".my_cart_quantity")) {
        badge.classList.toggle("d-none", !quantity);
        badge.textContent = quantity;
    }
}

registry.category("public_components").add("tyre_catalog.Catalog", Catalog);
