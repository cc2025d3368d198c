import { api, initPage, el, formatMoney, formatDate, itemsOf, refreshCartCount, announce, clearProblem, showProblem } from "/app.js";

initPage();

function line(item) {
  const id = `quantity-${item.sku}`;
  const quantity = el("input", { id, type: "number", min: "0", value: item.quantity, inputmode: "numeric", style: "width: 5rem" });
  const update = el("button", { type: "button", class: "secondary", "data-testid": "update-line" }, "Update");
  update.addEventListener("click", () => change(item.sku, Number(quantity.value), `${item.title || item.sku}: quantity ${quantity.value}`));
  const remove = el("button", { type: "button", class: "danger", "data-testid": "remove-line", "aria-label": `Remove ${item.title || item.sku}` }, "Remove");
  remove.addEventListener("click", () => change(item.sku, 0, `${item.title || item.sku} removed`));
  return el("tr", { "data-testid": "cart-line", "data-sku": item.sku },
    el("td", {}, el("a", { href: `/product.html?sku=${encodeURIComponent(item.sku)}` }, item.title || item.sku)),
    el("td", { class: "number" }, formatMoney(item.unitPrice)),
    el("td", {}, el("label", { for: id, class: "visually-hidden" }, `Quantity of ${item.title || item.sku}`), quantity, " ", update),
    el("td", { class: "number" }, formatMoney(item.lineTotal)),
    el("td", {}, remove));
}

function show(cart) {
  const items = itemsOf(cart);
  document.getElementById("cart-items").replaceChildren(...items.map(line));
  document.getElementById("cart-total").textContent = formatMoney(cart && cart.total);
  document.getElementById("cart-table").hidden = items.length === 0;
  document.getElementById("cart-actions").hidden = items.length === 0;
  document.getElementById("cart-empty").hidden = items.length > 0;
  document.getElementById("cart-expiry").textContent = items.length && cart.expiresAt ? `Kept until ${formatDate(cart.expiresAt)}.` : "";
  refreshCartCount(cart);
}

async function change(sku, quantity, message) {
  clearProblem();
  if (!Number.isInteger(quantity) || quantity < 0) {
    showProblem({ title: "Please check the quantity", detail: "Enter a whole number, 0 or more (0 removes the item)." });
    return;
  }
  try {
    const cart = quantity === 0
      ? await api(`/api/cart/items/${encodeURIComponent(sku)}`, { method: "DELETE" })
      : await api(`/api/cart/items/${encodeURIComponent(sku)}`, { method: "PUT", body: { quantity } });
    show(cart);
    announce(message);
  } catch (e) {
    // the alert explains why (over the stock, limit...); the table keeps what the server has
  }
}

document.getElementById("empty-cart").addEventListener("click", async () => {
  try {
    show(await api("/api/cart", { method: "DELETE" }));
    announce("Your cart is empty.");
  } catch (e) {
    // shown in the alert
  }
});

try {
  show(await api("/api/cart"));
} catch (e) {
  show(null);
}
