// Polyshop storefront: the one module every page imports. It talks to the JSON API (see API.md) with fetch,
// shows RFC 9457 problems in an accessible alert, renders the shared header and the "where does this live?" switch.

const JSON_TYPES = "application/json, application/problem+json";

/** An API answer that was not 2xx, carrying the problem+json title and detail. */
export class ApiError extends Error {
  constructor(status, title, detail, problem = {}) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.problem = problem;
  }
}

/**
 * The CSRF header for state-changing requests. This is the ONE place that knows how the server protects browser
 * sessions against CSRF: GET /api/csrf names the header and gives the session's current token.
 */
export async function csrfHeaders() {
  // the token lives in the (Redis-backed) session and changes at sign-in, so ask for the current one
  const response = await fetch("/api/csrf", { credentials: "same-origin", headers: baseHeaders() }).catch(() => null);
  if (!response || !response.ok) return {};
  const csrf = await response.json();
  return { [csrf.headerName]: csrf.token };
}

// X-Requested-With makes Spring Security answer 401 without a WWW-Authenticate challenge, so the browser never
// pops up its own Basic sign-in dialog over the page.
function baseHeaders() {
  return { Accept: JSON_TYPES, "X-Requested-With": "XMLHttpRequest" };
}

/**
 * Calls the API. Resolves with the parsed JSON body (null when there is none); rejects with an ApiError, which is
 * also shown in the page's alert region unless `quiet` is set (for answers the caller expects, like 401 on /api/me).
 */
export async function api(path, { method = "GET", body, headers = {}, quiet = false } = {}) {
  const init = { method, credentials: "same-origin", headers: { ...baseHeaders(), ...headers } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  if (!["GET", "HEAD"].includes(method)) Object.assign(init.headers, await csrfHeaders());
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    const error = new ApiError(0, "The shop cannot be reached", "Check your connection and try again.");
    if (!quiet) showProblem(error);
    throw error;
  }
  if (response.ok) {
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }
  const error = await toApiError(response);
  if (!quiet) showProblem(error);
  throw error;
}

async function toApiError(response) {
  let problem = {};
  try {
    problem = JSON.parse(await response.text());
  } catch (e) {
    // not JSON (a proxy's HTML page, say): fall back to the status below
  }
  const fallback = {
    400: ["Please check your input", "Something in the request is not valid."],
    401: ["Please sign in", "You need to be signed in for this."],
    402: ["Payment declined", "The payment was not accepted."],
    403: ["Not allowed", "Your account may not do this."],
    404: ["Not found", "We could not find what you asked for."],
    409: ["Conflict", "This cannot be done right now."],
    503: ["Temporarily unavailable", "A data store is not answering. Please try again shortly."],
  }[response.status] || ["Something went wrong", `The server answered ${response.status}. Please try again.`];
  return new ApiError(response.status, problem.title || fallback[0], problem.detail || fallback[1], problem);
}

/** Shows an error in the page's alert region (role="alert": screen readers announce it at once). */
export function showProblem(error) {
  const region = document.getElementById("problem");
  if (!region) return;
  region.replaceChildren();
  const title = document.createElement("strong");
  title.textContent = error.title || "Something went wrong";
  region.append(title);
  if (error.detail && error.detail !== error.title) region.append(document.createTextNode(error.detail));
  if (error.status === 401) {
    const link = document.createElement("a");
    link.href = signInUrl();
    link.textContent = " Sign in";
    region.append(" ", link);
  }
  region.hidden = false;
  region.scrollIntoView({ block: "nearest" });
}

export function clearProblem() {
  const region = document.getElementById("problem");
  if (region) {
    region.replaceChildren();
    region.hidden = true;
  }
}

/** Says something that went well, in the page's polite live region. */
export function announce(message) {
  const region = document.getElementById("notice");
  if (region) region.textContent = message;
}

export function signInUrl(next = location.pathname + location.search) {
  return "/signin.html?next=" + encodeURIComponent(next);
}

/** Only same-site paths: a ?next= parameter must never send the shopper to another site. */
export function safeNext(fallback = "/") {
  const next = new URLSearchParams(location.search).get("next");
  // only a path of this site: browsers read "/\\host" like "//host", another site, so backslashes are refused too,
  // and whatever is left must resolve to this origin
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return fallback;
  try {
    const url = new URL(next, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Signs in through Spring Security's form login (POST /login, fields username and password) so the browser gets
 * a session cookie. Whatever page the server redirects to, /api/me then tells whether it worked.
 */
export async function signIn(email, password) {
  const form = new URLSearchParams({ username: email, password });
  await fetch("/login", {
    method: "POST",
    credentials: "same-origin",
    headers: { ...baseHeaders(), "Content-Type": "application/x-www-form-urlencoded", ...(await csrfHeaders()) },
    body: form,
  }).catch(() => {});
  return currentCustomer({ fresh: true });
}

export async function signOut() {
  await fetch("/logout", { method: "POST", credentials: "same-origin", headers: { ...baseHeaders(), ...(await csrfHeaders()) } }).catch(() => {});
  location.href = "/";
}

let customerLookup;
/** The signed-in customer, or null for an anonymous visitor. */
export function currentCustomer({ fresh = false } = {}) {
  if (!customerLookup || fresh) customerLookup = api("/api/me", { quiet: true }).catch(() => null);
  return customerLookup;
}

export function isAdmin(customer) {
  const roles = (customer && (customer.roles || customer.authorities)) || [];
  return roles.some((role) => String(role.authority || role).replace(/^ROLE_/, "") === "ADMIN");
}

/** "12.99 EUR" as the shopper's locale writes it; money always arrives as a decimal string, never a float. */
export function formatMoney(money) {
  if (!money || money.amount === undefined) return "";
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: money.currency }).format(Number(money.amount));
  } catch (e) {
    return `${money.amount} ${money.currency}`;
  }
}

export function formatDate(value) {
  if (!value) return "";
  const date = new Date(value);
  return isNaN(date) ? String(value) : date.toLocaleString();
}

/** A list the API returns either as an array or as a page {items: [...]}. */
export function itemsOf(answer) {
  if (Array.isArray(answer)) return answer;
  return (answer && (answer.items || answer.categories || answer.customers)) || [];
}

/** Creates an element: el("a", {href: "/", class: "x"}, "text", child...). Text is always set as text, never HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.substring(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

// ---- the shared header, the store switch and the footer -------------------------------------------------------

const STORE_SWITCH_KEY = "polyshop.showStores";

function applyStoreSwitch(on) {
  document.body.classList.toggle("show-stores", on);
  const button = document.getElementById("store-toggle");
  if (button) button.setAttribute("aria-checked", String(on));
}

function storeSwitch() {
  const on = localStorage.getItem(STORE_SWITCH_KEY) === "true";
  const button = el("button", { type: "button", id: "store-toggle", class: "store-toggle", role: "switch", "aria-checked": String(on),
      title: "Marks each panel with the database its data came from" },
    el("span", { class: "track", "aria-hidden": "true" }), "Where does this live?");
  button.addEventListener("click", () => {
    const next = button.getAttribute("aria-checked") !== "true";
    localStorage.setItem(STORE_SWITCH_KEY, String(next));
    applyStoreSwitch(next);
  });
  return button;
}

function navLink(href, label, extra) {
  const here = location.pathname === href || (href === "/" && location.pathname === "/index.html");
  return el("li", {}, el("a", { href, "aria-current": here ? "page" : undefined }, label, extra));
}

/** Refreshes the number of items shown next to "Cart" (the cart lives in Redis). */
export async function refreshCartCount(cart) {
  const badge = document.getElementById("cart-count");
  if (!badge) return;
  try {
    const current = cart || (await api("/api/cart", { quiet: true }));
    const count = itemsOf(current).reduce((sum, line) => sum + (line.quantity || 0), 0);
    badge.textContent = String(count);
    badge.hidden = count === 0;
    badge.setAttribute("aria-label", `${count} item${count === 1 ? "" : "s"} in cart`);
  } catch (e) {
    badge.hidden = true;
  }
}

async function renderAccount(container) {
  const customer = await currentCustomer();
  container.replaceChildren();
  if (customer) {
    container.append(el("span", { id: "signed-in-as" }, "Signed in as ", el("strong", {}, customer.name || customer.email)),
      el("button", { type: "button", class: "link-button", id: "sign-out", onclick: signOut }, "Sign out"));
    if (isAdmin(customer)) document.getElementById("nav-console").hidden = false;
  } else {
    container.append(el("a", { href: signInUrl(), id: "sign-in-link" }, "Sign in"), el("a", { href: "/register.html", id: "register-link" }, "Register"));
  }
}

/** Call once per page: header, alert regions, footer, store switch state. */
export function initPage() {
  const header = el("header", { class: "site-header" },
    el("a", { class: "skip-link", href: "#main" }, "Skip to content"),
    el("div", { class: "bar" },
      el("a", { class: "brand", href: "/" }, "Polyshop"),
      el("nav", { class: "site-nav", "aria-label": "Main" },
        el("ul", {},
          navLink("/", "Shop"),
          navLink("/cart.html", "Cart ", el("span", { id: "cart-count", class: "cart-count", hidden: true })),
          navLink("/orders.html", "Orders"),
          navLink("/social.html", "People"),
          el("li", { id: "nav-console", hidden: true }, el("a", { href: "/admin/console.html" }, "Console")))),
      el("div", { class: "account", id: "account" }),
      storeSwitch()));
  document.body.prepend(header);
  const main = document.querySelector("main");
  main.id = "main";
  main.prepend(el("div", { id: "problem", class: "problem", role: "alert", hidden: true }),
    el("div", { id: "notice", class: "notice", role: "status", "aria-live": "polite" }));
  document.body.append(el("footer", { class: "site-footer" },
    "Polyshop: catalog in MongoDB, prices and stock in PostgreSQL, carts in Redis, people in Neo4j. ",
    el("a", { href: "/swagger-ui.html" }, "API")));
  applyStoreSwitch(localStorage.getItem(STORE_SWITCH_KEY) === "true");
  renderAccount(document.getElementById("account"));
  refreshCartCount();
}
