import { api, initPage, el, formatMoney, itemsOf, currentCustomer, refreshCartCount, showProblem, clearProblem } from "/app.js";

initPage();

// One key per attempt to buy this cart: resubmitting after a timeout or a double click reuses it, so the server
// never makes two orders (API.md: same Idempotency-Key, same order). A new key after a decline, since the cart may change.
const KEY = "polyshop.checkoutKey";
function idempotencyKey() {
  let key = sessionStorage.getItem(KEY);
  if (!key) {
    key = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
    sessionStorage.setItem(KEY, key);
  }
  return key;
}

const form = document.getElementById("checkout-form");
// the test cards (and the notice that payments are simulated) only when the simulator is the gateway
fetch("/api/payment-mode", { headers: { Accept: "application/json" } })
  .then((response) => (response.ok ? response.json() : null))
  .then((mode) => { document.getElementById("test-cards-hint").hidden = !(mode && mode.simulated); })
  .catch(() => {});
for (const button of document.querySelectorAll("#test-cards [data-card]")) {
  button.addEventListener("click", () => {
    const input = document.getElementById("card-number");
    input.value = button.dataset.card;
    input.focus();
  });
}

function missingFields() {
  let first = null;
  for (const input of form.querySelectorAll("input[required]")) {
    const ok = input.checkValidity() && input.value.trim() !== "";
    input.setAttribute("aria-invalid", String(!ok));
    if (!ok && !first) first = input;
  }
  return first;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearProblem();
  const invalid = missingFields();
  if (invalid) {
    const label = form.querySelector(`label[for="${invalid.id}"]`).firstChild.textContent.trim();
    showProblem({ title: "Please complete the form", detail: `${label} is missing or not valid.` });
    invalid.focus();
    return;
  }
  const value = (id) => document.getElementById(id).value.trim();
  const button = document.getElementById("place-order");
  button.disabled = true;
  button.textContent = "Placing order…";
  try {
    const order = await api("/api/checkout", {
      method: "POST",
      headers: { "Idempotency-Key": idempotencyKey() },
      body: {
        shippingAddress: { name: value("ship-name"), line1: value("ship-line1"), city: value("ship-city"),
          postalCode: value("ship-postal-code"), country: value("ship-country").toUpperCase() },
        payment: { cardNumber: value("card-number").replace(/\s+/g, "") },
      },
    });
    sessionStorage.removeItem(KEY);
    document.getElementById("checkout-content").hidden = true;
    const confirmation = document.getElementById("order-confirmation");
    document.getElementById("confirmed-order-id").textContent = order.orderId;
    document.getElementById("confirmed-status").textContent = String(order.status || "").toLowerCase();
    document.getElementById("confirmed-total").textContent = formatMoney(order.total);
    document.getElementById("confirmed-order-link").href = `/orders.html?id=${encodeURIComponent(order.orderId)}&placed`;
    confirmation.hidden = false;
    confirmation.focus();
    refreshCartCount();
  } catch (e) {
    // a declined card (402) or missing stock (409) keeps the cart: the shopper may try again with a new attempt
    if ([402, 409, 400].includes(e.status)) sessionStorage.removeItem(KEY);
  } finally {
    button.disabled = false;
    button.textContent = "Place order";
  }
});

async function showSummary() {
  const cart = await api("/api/cart");
  const items = itemsOf(cart);
  document.getElementById("checkout-lines").replaceChildren(...items.map((line) =>
    el("li", { "data-testid": "checkout-line" }, `${line.quantity} × ${line.title || line.sku}: ${formatMoney(line.lineTotal)}`)));
  document.getElementById("checkout-total").textContent = formatMoney(cart.total);
  if (items.length === 0) {
    showProblem({ title: "Your cart is empty", detail: "Add something to your cart before checking out." });
    document.getElementById("place-order").disabled = true;
  }
}

const customer = await currentCustomer();
if (!customer) {
  document.getElementById("checkout-signin").hidden = false;
} else {
  document.getElementById("checkout-content").hidden = false;
  const name = document.getElementById("ship-name");
  if (!name.value) name.value = customer.name || "";
  showSummary().catch(() => {});
}
