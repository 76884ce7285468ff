import { formatFloat } from "@web/core/utils/numbers";

const CURRENCY_SYMBOLS = { RUB: "₽", EUR: "€", USD: "$" };

/**
 * "12 345,00 ₽" in the user's language: the one money format of the portal's scripts (the
 * pages use Odoo's monetary widget, which prints the same). The currency comes as an ISO code
 * or as a symbol.
 */
export function formatMoney(amount, currency) {
    if (amount === null || amount === undefined || amount === false) {
        return "";
    }
    const symbol = CURRENCY_SYMBOLS[currency] || currency || "";
    return `${formatFloat(amount, { digits: [16, 2] })}\u00a0${symbol}`.trim();
}

/** Stock quantities above this are shown as "20+": the exact figure is not the customer's. */
export const STOCK_CAP = 20;

export function formatStock(qty) {
    if (!qty || qty <= 0) {
        return "—";
    }
    return qty > STOCK_CAP ? `${STOCK_CAP}+` : String(Math.floor(qty));
}

/** A colour step for a stock quantity: none, low, some, plenty. */
export function stockLevel(qty) {
    if (!qty || qty <= 0) {
        return "none";
    }
    if (qty < 4) {
        return "low";
    }
    return qty < 12 ? "some" : "plenty";
}
