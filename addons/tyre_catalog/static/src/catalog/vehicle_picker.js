import { Component, useExternalListener, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { rpc } from "@web/core/network/rpc";
import { errorMessage } from "./catalog_errors";

/** Make → model → year → modification; each modification lists the sizes that fit it. */
export class VehiclePicker extends Component {
    static template = "tyre_catalog.VehiclePicker";
    static props = { onApplyFilters: Function };

    setup() {
        this.root = useRef("root");
        useExternalListener(document, "click", (ev) => {
            if (this.state.open && !this.root.el?.contains(ev.target)) {
                this.state.open = false;
            }
        });
        this.originalTitle = _t("Original equipment size");
        this.alternativeTitle = _t("Approved alternative size");
        this.state = useState({
            open: false,
            loading: false,
            error: null,
            makes: [],
            models: [],
            years: [],
            modifications: [],
            makeId: "",
            modelId: "",
            year: "",
        });
    }

    async toggle() {
        this.state.open = !this.state.open;
        if (this.state.open && !this.state.makes.length) {
            const result = await this.fetch({});
            this.state.makes = result?.makes || [];
        }
    }

    async fetch(params) {
        this.state.loading = true;
        try {
            const result = await rpc("/b2b/catalog/vehicle", params);
            this.state.error = null;
            return result;
        } catch (error) {
            this.state.error = errorMessage(error);
            return null;
        } finally {
            this.state.loading = false;
        }
    }

    async selectMake(ev) {
        Object.assign(this.state, {
            makeId: ev.target.value,
            modelId: "",
            year: "",
            models: [],
            years: [],
            modifications: [],
        });
        if (this.state.makeId) {
            const result = await this.fetch({ make_id: Number(this.state.makeId) });
            this.state.models = result?.models || [];
        }
    }

    async selectModel(ev) {
        Object.assign(this.state, {
            modelId: ev.target.value,
            year: "",
            years: [],
            modifications: [],
        });
        if (this.state.modelId) {
            const result = await this.fetch({
                make_id: Number(this.state.makeId),
                model_id: Number(this.state.modelId),
            });
            this.state.years = result?.years || [];
        }
    }

    async selectYear(ev) {
        Object.assign(this.state, { year: ev.target.value, modifications: [] });
        if (this.state.year) {
            const result = await this.fetch({
                make_id: Number(this.state.makeId),
                model_id: Number(this.state.modelId),
                year: Number(this.state.year),
            });
            this.state.modifications = result?.modifications || [];
        }
    }

    pickSize(size) {
        this.state.open = false;
        this.props.onApplyFilters(size.filters);
    }

    /** Makes/models come as records ({id, name} or {id, label}), years as numbers. */
    label(record) {
        return typeof record === "object" ? record.label || record.name : String(record);
    }

    value(record) {
        return typeof record === "object" ? record.id ?? record.value : record;
    }

    isSelected(record, selected) {
        return String(this.value(record)) === selected;
    }
}
