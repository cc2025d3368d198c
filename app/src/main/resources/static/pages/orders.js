import { api, initPage, el, formatMoney, formatDate, itemsOf, currentCustomer, announce } from "/app.js";

initPage();

const PAGE_SIZE = 10;
let page = 0;

// The order document's exact shape belongs to the orders module; read the contract's names with a few fallbacks.
const idOf = (order) => order.orderId ?? order.id;
const placedAt = (order) => order.placedAt ?? order.completedAt ?? order.createdAt ?? order.date;
const linesOf = (order) => order.lines ?? order.items ?? [];

async function showHistory() {
  const history = document.getElementById("order-history");
  history.hidden = false;
  try {
    const result = await api(`/api/orders?page=${page}&size=${PAGE_SIZE}`);
    const orders = itemsOf(result);
    document.getElementById("order-list").replaceChildren(...orders.map((order) =>
      el("tr", { "data-testid": "order-row", "data-order-id": idOf(order) },
        el("td", {}, el("a", { href: `/orders.html?id=${encodeURIComponent(idOf(order))}` }, idOf(order))),
        el("td", {}, formatDate(placedAt(order))),
        el("td", {}, String(order.status ?? "").toLowerCase()),
        el("td", { class: "number" }, formatMoney(order.total)))));
    document.getElementById("order-table").hidden = orders.length === 0;
    document.getElementById("orders-empty").hidden = orders.length > 0 || page > 0;
    const pages = Math.max(1, Math.ceil((result.total ?? orders.length) / PAGE_SIZE));
    document.getElementById("orders-page-label").textContent = `Page ${page + 1} of ${pages}`;
    document.getElementById("previous-orders").disabled = page === 0;
    document.getElementById("next-orders").disabled = page + 1 >= pages;
  } catch (e) {
    // the alert explains
  }
}

// The order history is a projection written to MongoDB just after the order commits in PostgreSQL: coming
// straight from checkout, the document may lag a moment behind, so wait for it a little before saying "not found".
async function fetchOrder(id, justPlaced) {
  for (let attempt = 0; justPlaced && attempt < 15; attempt++) {
    try {
      return await api(`/api/orders/${encodeURIComponent(id)}`, { quiet: true });
    } catch (e) {
      if (e.status !== 404) throw e;
      announce("Your order is being recorded…");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  return api(`/api/orders/${encodeURIComponent(id)}`);
}

async function showOrder(id, justPlaced) {
  const section = document.getElementById("order-detail");
  try {
    const order = await fetchOrder(id, justPlaced);
    announce("");
    section.hidden = false;
    document.getElementById("order-detail-heading").textContent = `Order ${idOf(order)}`;
    const facts = [["Status", String(order.status ?? "").toLowerCase()], ["Placed", formatDate(placedAt(order))], ["Total", formatMoney(order.total)]];
    const address = order.shippingAddress;
    if (address) facts.push(["Ship to", [address.name, address.line1, `${address.postalCode ?? ""} ${address.city ?? ""}`, address.country].filter(Boolean).join(", ")]);
    if (order.payment) facts.push(["Payment", [order.payment.status, order.payment.cardLast4 && `card ending ${order.payment.cardLast4}`].filter(Boolean).join(", ")]);
    document.getElementById("order-facts").replaceChildren(...facts.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, value || "")]));
    document.querySelector("#order-lines tbody").replaceChildren(...linesOf(order).map((line) =>
      el("tr", { "data-testid": "order-line" },
        el("td", {}, line.title ?? line.sku),
        el("td", { class: "number" }, line.quantity),
        el("td", { class: "number" }, formatMoney(line.unitPrice ?? line.price)),
        el("td", { class: "number" }, formatMoney(line.lineTotal ?? line.total)))));
    document.getElementById("order-document").textContent = JSON.stringify(order, null, 2);
    section.focus();
  } catch (e) {
    // 404 for an unknown order or another customer's: the alert says so
  }
}

document.getElementById("previous-orders").addEventListener("click", () => { page = Math.max(0, page - 1); showHistory(); });
document.getElementById("next-orders").addEventListener("click", () => { page += 1; showHistory(); });

if (!(await currentCustomer())) {
  document.getElementById("orders-signin").hidden = false;
} else {
  const id = new URLSearchParams(location.search).get("id");
  if (id) await showOrder(id, new URLSearchParams(location.search).has("placed"));
  showHistory();
}
