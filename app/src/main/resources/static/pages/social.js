import { api, initPage, el, itemsOf, currentCustomer, announce, clearProblem } from "/app.js";

initPage();

function person(customer, action) {
  return el("li", { "data-testid": "person", "data-customer-id": customer.id },
    customer.name || customer.id, " ", el("code", { class: "muted" }, customer.id),
    customer.depth ? el("span", { class: "muted" }, ` (depth ${customer.depth})`) : null,
    action ? " " : null, action);
}

function fillList(id, people, emptyText, actionFor) {
  const list = document.getElementById(id);
  list.replaceChildren(...(people.length ? people.map((p) => person(p, actionFor && actionFor(p))) : [el("li", { class: "muted" }, emptyText)]));
}

function followButton(customer) {
  return el("button", { type: "button", class: "secondary", "aria-label": `Follow ${customer.name || customer.id}`,
    onclick: () => follow(customer.id, customer.name) }, "Follow");
}

function unfollowButton(customer) {
  return el("button", { type: "button", class: "danger", "aria-label": `Unfollow ${customer.name || customer.id}`,
    onclick: () => unfollow(customer) }, "Unfollow");
}

async function load(path) {
  return itemsOf(await api(path, { quiet: true }).catch(() => []));
}

async function refresh() {
  const [following, followers, suggestions, referrals] = await Promise.all([
    load("/api/social/following"), load("/api/social/followers"), load("/api/social/suggestions"), load("/api/social/referrals")]);
  fillList("following-list", following, "You follow nobody yet.", unfollowButton);
  fillList("followers-list", followers, "Nobody follows you yet.");
  fillList("suggestions-list", suggestions, "No suggestions yet: follow a few people first.", followButton);
  fillList("referrals-list", referrals, "Nobody has signed up with your code yet.");
  try {
    const recommendations = await api("/api/recommendations?limit=8", { quiet: true });
    const items = itemsOf(recommendations);
    document.getElementById("recommendations-list").replaceChildren(...items.map((item) =>
      el("li", { class: "card", "data-testid": "recommendation" },
        el("a", { href: `/product.html?sku=${encodeURIComponent(item.sku)}` }, item.title || item.sku),
        item.reason ? el("span", { class: "muted" }, item.reason) : null)));
    document.getElementById("recommendations-source").textContent = items.length === 0 ? "No recommendations yet."
      : recommendations.source === "graph" ? "Bought by people you follow, and by the people they follow."
      : "Popular right now (follow people for personal recommendations).";
  } catch (e) {
    document.getElementById("recommendations-source").textContent = "Recommendations are not available right now.";
  }
}

async function follow(id, name) {
  clearProblem();
  try {
    await api(`/api/social/following/${encodeURIComponent(id)}`, { method: "PUT" });
    announce(`You now follow ${name || id}.`);
    await refresh();
  } catch (e) {
    // 400 (yourself) or 404 (unknown customer): shown in the alert
  }
}

async function unfollow(customer) {
  clearProblem();
  try {
    await api(`/api/social/following/${encodeURIComponent(customer.id)}`, { method: "DELETE" });
    announce(`You no longer follow ${customer.name || customer.id}.`);
    await refresh();
  } catch (e) {
    // shown in the alert
  }
}

document.getElementById("follow-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = document.getElementById("follow-id");
  if (input.value.trim()) follow(input.value.trim());
});

const me = await currentCustomer();
if (!me) {
  document.getElementById("social-signin").hidden = false;
} else {
  document.getElementById("social-content").hidden = false;
  document.getElementById("my-id").textContent = me.id;
  document.getElementById("my-referral-code").textContent = me.referralCode || "";
  refresh();
}
