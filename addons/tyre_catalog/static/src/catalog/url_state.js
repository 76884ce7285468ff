/**
 * The catalog's filter state <-> the page's query string, so a filtered view can be
 * bookmarked, shared and walked through with the back button.
 */

/** How each filter's values are typed in the JSON contract of /b2b/catalog/search. */
export const FILTER_TYPES = {
    width: "int",
    profile: "int",
    diameter: "float",
    season: "str",
    studded: "bool",
    runflat: "bool",
    reinforced: "bool",
    brand: "int",
    model: "int",
    vehicle_type: "str",
    speed_index: "str",
    load_index: "int",
    category: "int",
};
export const SORTS = ["popularity", "price_asc", "price_desc", "promotion", "name"];
export const DEFAULT_SORT = "popularity";

function parseValue(type, raw) {
    switch (type) {
        case "int":
            return Number.isInteger(Number(raw)) && raw !== "" ? Number(raw) : undefined;
        case "float":
            return raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
        case "bool":
            return raw === "1" || raw === "true";
        default:
            return raw || undefined;
    }
}

function formatValue(value) {
    return typeof value === "boolean" ? (value ? "1" : "0") : String(value);
}

/** Turn filters given by the server (a size suggestion, a vehicle size) into typed lists. */
export function normalizeFilters(filters) {
    const result = {};
    for (const [key, value] of Object.entries(filters || {})) {
        if (key === "in_stock") {
            result.in_stock = Boolean(value);
        } else if (key in FILTER_TYPES && value !== null && value !== undefined) {
            result[key] = Array.isArray(value) ? [...value] : [value];
        }
    }
    return result;
}

/** Read {filters, search, sort, page} from a query string ("?width=205&diameter=16"). */
export function readState(queryString) {
    const params = new URLSearchParams(queryString);
    const filters = {};
    for (const [key, type] of Object.entries(FILTER_TYPES)) {
        const values = params
            .getAll(key)
            .map((raw) => parseValue(type, raw))
            .filter((value) => value !== undefined);
        if (values.length) {
            filters[key] = values;
        }
    }
    if (params.get("in_stock") === "1") {
        filters.in_stock = true;
    }
    const sort = params.get("sort");
    const page = parseInt(params.get("page"), 10);
    return {
        filters,
        search: params.get("q") || "",
        sort: SORTS.includes(sort) ? sort : DEFAULT_SORT,
        page: page > 0 ? page : 1,
    };
}

/** The query string ("?…" or "") that readState turns back into the same state. */
export function writeState({ filters, search, sort, page }) {
    const params = new URLSearchParams();
    for (const key of Object.keys(FILTER_TYPES)) {
        for (const value of filters[key] || []) {
            params.append(key, formatValue(value));
        }
    }
    if (filters.in_stock) {
        params.set("in_stock", "1");
    }
    if (search) {
        params.set("q", search);
    }
    if (sort && sort !== DEFAULT_SORT) {
        params.set("sort", sort);
    }
    if (page > 1) {
        params.set("page", String(page));
    }
    const text = params.toString();
    return text ? `?${text}` : "";
}
