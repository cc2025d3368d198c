import { api, initPage, el, formatMoney, itemsOf } from "/app.js";

initPage();

// The search index (Lucene) answers the search, its facets and suggestions; price and stock come live from PostgreSQL.
const PAGE_SIZE = 12;
const form = document.getElementById("search-form");
const query = document.getElementById("search-q");
const category = document.getElementById("category");
const sort = document.getElementById("sort");
const inStock = document.getElementById("in-stock");
const list = document.getElementById("product-list");
const summary = document.getElementById("result-summary");
const facetList = document.getElementById("facet-list");
const suggestions = document.getElementById("search-suggestions");

// The URL keeps the search, so results can be bookmarked and the back button works.
const params = new URLSearchParams(location.search);
query.value = params.get("q") || "";
sort.value = params.get("sort") || "relevance";
inStock.checked = params.get("inStock") === "true";
let price = params.get("price") || ""; // a price band "from-to" chosen from the facets
const attributes = new Map(); // attribute name -> chosen value
for (const [name, value] of params) {
  if (name.startsWith("attr.")) attributes.set(name.slice(5), value);
}
let cursors = [null]; // the cursor of each page seen so far; the last entry is the current page's
let nextCursor = null;

async function loadCategories() {
  try {
    const categories = itemsOf(await api("/api/categories", { quiet: true }));
    for (const c of categories) {
      const name = typeof c === "string" ? c : c.name || c.category || c.id;
      const count = typeof c === "object" ? c.count ?? c.productCount ?? c.products : undefined;
      category.append(el("option", { value: name }, count === undefined ? name : `${name} (${count})`));
    }
  } catch (e) {
    // categories are a convenience: searching still works without them
  }
  category.value = params.get("category") || "";
}

function productCard(product) {
  const available = Number(product.available ?? 0);
  return el("li", { class: "card", "data-testid": "product-card", "data-sku": product.sku },
    el("h3", {}, el("a", { class: "product-link", href: `/product.html?sku=${encodeURIComponent(product.sku)}` }, product.title)),
    el("span", { class: "category-tag" }, product.category),
    el("span", { class: "price" }, formatMoney(product.price)),
    el("span", { class: available > 0 ? "in-stock" : "out-of-stock" }, available > 0 ? `${available} in stock` : "Out of stock"));
}

function facetTitle(name) {
  if (name === "category") return "Category";
  if (name === "price") return "Price";
  return name.replace(/^attr\./, "").replace(/^./, (c) => c.toUpperCase());
}

function isChosen(name, value) {
  if (name === "category") return category.value === value;
  if (name === "price") return price === value;
  return attributes.get(name.replace(/^attr\./, "")) === value;
}

function choose(name, value) {
  const again = isChosen(name, value);
  if (name === "category") category.value = again ? "" : value;
  else if (name === "price") price = again ? "" : value;
  else if (again) attributes.delete(name.replace(/^attr\./, ""));
  else attributes.set(name.replace(/^attr\./, ""), value);
  restart();
}

function renderFacets(facets) {
  facetList.replaceChildren(...facets.filter((f) => f.values.length > 0).map((facet) =>
    el("div", { class: "facet", "data-testid": "facet", "data-facet": facet.name },
      el("h3", {}, facetTitle(facet.name)),
      el("ul", {}, ...facet.values.map((v) => {
        const button = el("button", { type: "button", "aria-pressed": String(isChosen(facet.name, v.value)), "data-value": v.value },
          `${facet.name === "price" ? v.value.replace(/-$/, " and more") : v.value} (${v.count})`);
        button.addEventListener("click", () => choose(facet.name, v.value));
        return el("li", {}, button);
      })))));
}

function searchParameters() {
  const p = new URLSearchParams();
  const q = query.value.trim();
  if (q) p.set("q", q);
  if (category.value) p.set("category", category.value);
  if (sort.value !== "relevance") p.set("sort", sort.value);
  if (inStock.checked) p.set("inStock", "true");
  if (price) {
    const [from, to] = price.split("-");
    p.set("minPrice", from);
    if (to) p.set("maxPrice", (Number(to) - 0.01).toFixed(2));
  }
  for (const [name, value] of attributes) p.set(`attr.${name}`, value);
  return p;
}

async function search() {
  const p = searchParameters();
  p.set("size", PAGE_SIZE);
  const cursor = cursors[cursors.length - 1];
  if (cursor) p.set("cursor", cursor);
  list.setAttribute("aria-busy", "true");
  try {
    const result = await api(`/api/search?${p}`);
    const items = itemsOf(result);
    list.replaceChildren(...items.map(productCard));
    const total = result.total ?? items.length;
    summary.textContent = total === 0 ? "No products match your search." : `${total} product${total === 1 ? "" : "s"} found.`;
    if (!cursor) renderFacets(result.facets || []);
    nextCursor = result.nextCursor || null;
    document.getElementById("page-label").textContent = `Page ${cursors.length} of ${Math.max(1, Math.ceil(total / PAGE_SIZE))}`;
    document.getElementById("previous-page").disabled = cursors.length === 1;
    document.getElementById("next-page").disabled = !nextCursor;
  } catch (e) {
    list.replaceChildren();
    summary.textContent = "Products could not be loaded.";
  } finally {
    list.removeAttribute("aria-busy");
  }
  const shown = searchParameters();
  shown.delete("minPrice");
  shown.delete("maxPrice");
  if (price) shown.set("price", price);
  history.replaceState(null, "", shown.toString() ? `?${shown}` : location.pathname);
}

function restart() {
  cursors = [null];
  search();
}

let typing;
query.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(async () => {
    const typed = query.value.trim();
    if (typed.length < 2) return;
    try {
      const answer = await api(`/api/search/suggestions?q=${encodeURIComponent(typed)}`, { quiet: true });
      suggestions.replaceChildren(...(answer.suggestions || []).map((title) => el("option", { value: title })));
    } catch (e) {
      // suggestions are a convenience
    }
  }, 150);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  restart();
});
category.addEventListener("change", restart);
sort.addEventListener("change", restart);
inStock.addEventListener("change", restart);
document.getElementById("previous-page").addEventListener("click", () => { cursors.pop(); search(); });
document.getElementById("next-page").addEventListener("click", () => { cursors.push(nextCursor); search(); });

await loadCategories();
search();
