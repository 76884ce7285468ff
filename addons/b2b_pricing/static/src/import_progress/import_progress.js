import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";
import { Component, onWillDestroy, useState } from "@odoo/owl";

/**
 * Progress bar of the price import wizard: while the server reads, checks and writes a price
 * file (one transaction), it reports how far it is through the bus (notification type
 * "b2b_price_import_progress", payload {wizard_id, percent, message}); this widget shows the
 * reports meant for its own wizard. A report without percent (the import stopped on a bad
 * row, nothing was written) hides the bar.
 */
export class B2bPriceImportProgress extends Component {
    static template = "b2b_pricing.PriceImportProgress";
    static props = standardWidgetProps;

    setup() {
        this.state = useState({ percent: null, message: "" });
        this.busService = useService("bus_service");
        this.onProgress = (payload) => {
            if (payload.wizard_id === this.props.record.resId) {
                this.state.percent = payload.percent;
                this.state.message = payload.message;
            }
        };
        this.busService.subscribe("b2b_price_import_progress", this.onProgress);
        this.busService.start();
        onWillDestroy(() =>
            this.busService.unsubscribe("b2b_price_import_progress", this.onProgress)
        );
    }
}

registry.category("view_widgets").add("b2b_price_import_progress", {
    component: B2bPriceImportProgress,
});
