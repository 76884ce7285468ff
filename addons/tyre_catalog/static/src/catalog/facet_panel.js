import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";

/** Facet titles, in the order the filter column shows them. */
export function facetTitles() {
    return {
        width: _t("Width"),
        profile: _t("Profile"),
        diameter: _t("Diameter"),
        season: _t("Season"),
        studded: _t("Studs"),
        runflat: _t("Run-flat"),
        reinforced: _t("Reinforced (XL)"),
        vehicle_type: _t("Vehicle type"),
        brand: _t("Brand"),
        model: _t("Model"),
        speed_index: _t("Speed index"),
        load_index: _t("Load index"),
        category: _t("Category"),
    };
}

/** Facets drawn as a grid of small toggles (short numeric values) rather than a list. */
const CHIP_FACETS = new Set(["width", "profile", "diameter", "load_index", "speed_index"]);
/** Longer lists show this many values until the user asks for all. */
const FOLDED_LENGTH = 8;

/**
 * The filter column: each facet lists only the values that exist with the other filters
 * applied, each with the number of products picking it would leave.
 */
export class FacetPanel extends Component {
    static template = "tyre_catalog.FacetPanel";
    static props = {
        facets: Object,
        filters: Object,
        onToggle: Function,
        onToggleInStock: Function,
    };

    setup() {
        this.state = useState({ unfolded: {} });
        this.titles = facetTitles();
    }

    /** Facets in a fixed order, each with the values worth showing. */
    get groups() {
        const groups = [];
        for (const key of Object.keys(this.titles)) {
            const options = (this.props.facets[key] || []).filter((o) => o.count > 0 || o.selected);
            if (!options.length) {
                continue;
            }
            const chips = CHIP_FACETS.has(key);
            const folded = !chips && !this.state.unfolded[key] && options.length > FOLDED_LENGTH;
            groups.push({
                key,
                title: this.titles[key],
                chips,
                options: folded ? foldOptions(options) : options,
                hidden: folded ? options.length - FOLDED_LENGTH : 0,
                selectedCount: options.filter((o) => o.selected).length,
            });
        }
        return groups;
    }

    unfold(key) {
        this.state.unfolded[key] = true;
    }

    optionId(key, option) {
        return `o_tyre_facet_${key}_${String(option.value).replace(/\W/g, "_")}`;
    }
}

/** The first values, plus any selected value further down so it can still be unticked. */
function foldOptions(options) {
    const head = options.slice(0, FOLDED_LENGTH);
    return head.concat(options.slice(FOLDED_LENGTH).filter((o) => o.selected));
}
