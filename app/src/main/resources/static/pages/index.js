import { api, initPage, el, formatMoney, itemsOf } from "/app.js";

initPage();

const PAGE_SIZE = 12;
const form = document.getElementById("search-form");
const query = document.getElementById("search-q");
const category = document.getElementById("category");
const list = document.getElementById("product-list");
const summary = document.getElementById("result-summary");
let page = 0;

// The URL keeps the search, so results can be bookmarked and the back button works.
const params = new URLSearchParams(location.search);
query.value = params.get("q") || "";
page = Math.max(0, Number(params.get("page")) || 0);

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

async function search() {
  const q = query.value.trim();
  const searchParams = new URLSearchParams({ page, size: PAGE_SIZE });
  if (q) searchParams.set("q", q);
  if (category.value) searchParams.set("category", category.value);
  list.setAttribute("aria-busy", "true");
  try {
    const result = await api(`/api/products?${searchParams}`);
    const items = itemsOf(result);
    list.replaceChildren(...items.map(productCard));
    const total = result.total ?? items.length;
    summary.textContent = total === 0 ? "No products match your search." : `${total} product${total === 1 ? "" : "s"} found.`;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    document.getElementById("page-label").textContent = `Page ${page + 1} of ${pages}`;
    document.getElementById("previous-page").disabled = page === 0;
    document.getElementById("next-page").disabled = page + 1 >= pages;
  } catch (e) {
    list.replaceChildren();
    summary.textContent = "Products could not be loaded.";
  } finally {
    list.removeAttribute("aria-busy");
  }
  const shown = new URLSearchParams();
  if (q) shown.set("q", q);
  if (category.value) shown.set("category", category.value);
  if (page) shown.set("page", page);
  history.replaceState(null, "", shown.toString() ? `?${shown}` : location.pathname);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  page = 0;
  search();
});
category.addEventListener("change", () => {
  page = 0;
  search();
});
document.getElementById("previous-page").addEventListener("click", () => { page = Math.max(0, page - 1); search(); });
document.getElementById("next-page").addEventListener("click", () => { page += 1; search(); });

await loadCategories();
search();
