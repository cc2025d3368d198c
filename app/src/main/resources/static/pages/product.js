import { api, initPage, el, formatMoney, itemsOf, refreshCartCount, clearProblem } from "/app.js";

initPage();

const sku = new URLSearchParams(location.search).get("sku");
const article = document.getElementById("product");

function showProduct(product) {
  document.title = `${product.title} · Polyshop`;
  document.getElementById("product-title").textContent = product.title;
  document.getElementById("product-category").textContent = product.category || "";
  document.getElementById("product-description").textContent = product.description || "";
  const attributes = document.getElementById("product-attributes");
  attributes.replaceChildren(...Object.entries(product.attributes || {}).flatMap(([name, value]) =>
    [el("dt", {}, name), el("dd", {}, typeof value === "object" ? JSON.stringify(value) : String(value))]));
  document.getElementById("product-price").textContent = formatMoney(product.price);
  const available = Number(product.available ?? 0);
  const stock = document.getElementById("product-stock");
  stock.textContent = available > 0 ? `${available} in stock` : "Out of stock";
  stock.className = available > 0 ? "in-stock" : "out-of-stock";
  const quantity = document.getElementById("quantity");
  quantity.max = String(Math.max(1, available));
  document.getElementById("add-to-cart").disabled = available <= 0;
}

async function loadAlsoBought() {
  const list = document.getElementById("also-bought");
  try {
    const items = itemsOf(await api(`/api/products/${encodeURIComponent(sku)}/also-bought`, { quiet: true }));
    list.replaceChildren(...items.map((item) => el("li", { class: "card", "data-testid": "also-bought-item" },
      el("a", { href: `/product.html?sku=${encodeURIComponent(item.sku)}` }, item.title || item.sku),
      item.price ? el("span", { class: "price" }, formatMoney(item.price)) : null)));
    document.getElementById("also-bought-empty").hidden = items.length > 0;
  } catch (e) {
    document.getElementById("also-bought-empty").hidden = false;
  }
}

document.getElementById("add-to-cart-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem();
  const status = document.getElementById("cart-status");
  const button = document.getElementById("add-to-cart");
  const wanted = Number(document.getElementById("quantity").value);
  if (!Number.isInteger(wanted) || wanted < 1) {
    status.textContent = "Enter a quantity of 1 or more.";
    return;
  }
  button.disabled = true;
  try {
    // PUT sets the line's quantity: add to what is already in the cart
    const cart = await api("/api/cart", { quiet: true }).catch(() => null);
    const already = itemsOf(cart).find((line) => line.sku === sku)?.quantity || 0;
    const updated = await api(`/api/cart/items/${encodeURIComponent(sku)}`, { method: "PUT", body: { quantity: already + wanted } });
    status.textContent = `Added to your cart (${already + wanted} in cart).`;
    refreshCartCount(updated);
  } catch (e) {
    status.textContent = "";
  } finally {
    button.disabled = false;
  }
});

if (!sku) {
  document.getElementById("product-title").textContent = "No product chosen";
} else {
  try {
    showProduct(await api(`/api/products/${encodeURIComponent(sku)}`));
    loadAlsoBought();
  } catch (e) {
    // 404: no such product; 400: the SKU is malformed (lower case, say), so no product can have it either
    document.getElementById("product-title").textContent = e.status === 404 || e.status === 400
      ? "This product does not exist" : "The product could not be loaded";
  }
}
article.removeAttribute("aria-busy");
