import { Component, onWillUpdateProps, useExternalListener, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { rpc } from "@web/core/network/rpc";
import { useDebounced } from "@web/core/utils/timing";
import { errorMessage } from "./catalog_errors";
import { formatMoney } from "./format";

const MIN_QUERY_LENGTH = 2;

/**
 * Search box with suggestions: corrected spelling/keyboard layout, sizes (picking one applies
 * the size filters), brands and products in stock with price and picture.
 */
export class SearchBox extends Component {
    static template = "tyre_catalog.SearchBox";
    static props = {
        value: String,
        onSearch: Function,
        onApplyFilters: Function,
    };

    setup() {
        this.root = useRef("root");
        this.state = useState({
            text: this.props.value,
            open: false,
            loading: false,
            error: null,
            suggestion: null,
            active: -1,
        });
        this.requestId = 0;
        this.debouncedSuggest = useDebounced(() => this.suggest(), 250);
        onWillUpdateProps((next) => {
            if (next.value !== this.props.value) {
                this.state.text = next.value;
            }
        });
        useExternalListener(document, "click", (ev) => {
            if (!this.root.el?.contains(ev.target)) {
                this.state.open = false;
            }
        });
    }

    async suggest() {
        const query = this.state.text.trim();
        if (query.length < MIN_QUERY_LENGTH) {
            this.state.suggestion = null;
            this.state.open = false;
            return;
        }
        const requestId = ++this.requestId;
        this.state.loading = true;
        try {
            const suggestion = await rpc("/b2b/catalog/suggest", { query });
            if (requestId === this.requestId) {
                this.state.suggestion = suggestion;
                this.state.error = null;
                this.state.active = -1;
                this.state.open = true;
            }
        } catch (error) {
            if (requestId === this.requestId) {
                this.state.error = errorMessage(error);
                this.state.open = true;
            }
        } finally {
            if (requestId === this.requestId) {
                this.state.loading = false;
            }
        }
    }

    /** Everything the dropdown offers, in display order, for keyboard navigation. */
    get items() {
        const s = this.state.suggestion;
        if (!s) {
            return [];
        }
        return [
            ...(s.sizes || []).map((size) => ({ type: "size", size })),
            ...(s.brands || []).map((brand) => ({ type: "brand", brand })),
            ...this.products.map((product) => ({ type: "product", product })),
        ];
    }

    /** Only what can be bought now is suggested. */
    get products() {
        return (this.state.suggestion?.products || []).filter((p) => p.qty > 0);
    }

    get isEmpty() {
        return this.state.suggestion && !this.items.length;
    }

    itemIndex(type, record) {
        return this.items.findIndex((item) => item[type] === record);
    }

    onInput(ev) {
        this.state.text = ev.target.value;
        this.debouncedSuggest();
    }

    onFocus() {
        if (this.state.suggestion) {
            this.state.open = true;
        }
    }

    onKeydown(ev) {
        const items = this.items;
        switch (ev.key) {
            case "ArrowDown":
                ev.preventDefault();
                this.state.open = true;
                this.state.active = Math.min(items.length - 1, this.state.active + 1);
                break;
            case "ArrowUp":
                ev.preventDefault();
                this.state.active = Math.max(-1, this.state.active - 1);
                break;
            case "Enter":
                ev.preventDefault();
                if (this.state.open && items[this.state.active]) {
                    this.pick(items[this.state.active]);
                } else {
                    this.submit();
                }
                break;
            case "Escape":
                this.state.open = false;
                break;
        }
    }

    /** Close the dropdown so that no suggestion still on its way opens it again. */
    dropPendingSuggestions() {
        this.debouncedSuggest.cancel();
        this.requestId++;
        this.state.loading = false;
        this.state.open = false;
    }

    /** Search the whole catalog with the text (as corrected when the server corrected it). */
    submit() {
        this.dropPendingSuggestions();
        const corrected = this.state.suggestion?.corrected;
        const text = corrected && this.state.suggestion.query === this.state.text.trim()
            ? corrected
            : this.state.text.trim();
        this.state.text = text;
        this.props.onSearch(text);
    }

    pick(item) {
        this.dropPendingSuggestions();
        if (item.type === "size") {
            this.state.text = "";
            this.props.onApplyFilters(item.size.filters);
        } else if (item.type === "brand") {
            this.state.text = "";
            this.props.onApplyFilters({ brand: [item.brand.id] });
        } else {
            this.state.text = item.product.article;
            this.props.onSearch(item.product.article);
        }
    }

    money(amount, currency) {
        return formatMoney(amount, currency);
    }

    get placeholder() {
        return _t("Size (2055516), article, brand or model");
    }
}
