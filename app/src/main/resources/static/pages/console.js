import { api, initPage, el, formatDate, showProblem, clearProblem } from "/app.js";

initPage();

const REFRESH_MS = 5000;
const STORE_NAMES = { postgres: "PostgreSQL", redis: "Redis", mongodb: "MongoDB", neo4j: "Neo4j" };
const STORE_COLOURS = { postgres: "#1f4e8c", redis: "#b3261e", mongodb: "#116149", neo4j: "#5b3a99" };
const SVG = "http://www.w3.org/2000/svg";
let paused = false;
let timer;

const ms = (value) => (value === null || value === undefined ? "–" : value < 10 ? value.toFixed(2) : value.toFixed(1));

function age(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

function storeCard(store) {
  const up = store.status === "UP";
  const latency = store.latency || {};
  const records = Object.entries(store.records || {});
  return el("li", { class: "card store-card", "data-testid": "store-card", "data-store": store.store,
      "data-store-label": `${STORE_NAMES[store.store] || store.store}: ${store.holds}`, "aria-labelledby": `store-${store.store}` },
    el("h3", { id: `store-${store.store}` }, STORE_NAMES[store.store] || store.store,
      el("span", { class: `status ${up ? "status-up" : "status-down"}`, "data-testid": "store-status" }, store.status)),
    el("span", { class: "muted" }, `${store.mode} · version `, el("span", { "data-testid": "store-version" }, store.version || "unknown")),
    el("code", { "data-testid": "store-address" }, store.address),
    el("span", { class: "hint" }, store.holds),
    el("dl", { class: "latency", "aria-label": "Round-trip latency percentiles, milliseconds" },
      ...[["p50", latency.p50Ms], ["p95", latency.p95Ms], ["p99", latency.p99Ms]].map(([name, value]) =>
        el("div", {}, el("dt", {}, `${name} ms`), el("dd", { "data-testid": `latency-${name}` }, ms(value))))),
    el("span", { class: "hint" }, `${latency.pings ?? 0} round trips timed, ${latency.errors ?? 0} failed`),
    el("details", {}, el("summary", {}, `Records (${records.length} ${records.length === 1 ? "kind" : "kinds"})`),
      el("dl", { class: "records" }, ...records.flatMap(([name, count]) => [el("dt", {}, name), el("dd", {}, count.toLocaleString())]))));
}

function outbox(backlog) {
  const summary = backlog.summary;
  document.getElementById("outbox-summary").textContent = summary.incomplete === 0
    ? "No incomplete event publications: every listener has caught up."
    : `${summary.incomplete} incomplete publication${summary.incomplete === 1 ? "" : "s"}; the oldest has waited ${age(summary.oldestAgeSeconds)}.`;
  document.getElementById("outbox-table").hidden = backlog.oldest.length === 0;
  document.getElementById("outbox-rows").replaceChildren(...backlog.oldest.map((p) =>
    el("tr", { "data-testid": "outbox-row" },
      el("td", { title: p.eventType }, p.eventType.substring(p.eventType.lastIndexOf(".") + 1)),
      el("td", {}, el("code", {}, p.listenerId)),
      el("td", {}, formatDate(p.publicationDate)),
      el("td", { class: "number" }, age(p.ageSeconds)),
      el("td", { class: "number" }, p.completionAttempts),
      el("td", {}, p.status || ""))));
}

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A small line chart as inline SVG: series is [{name, colour, values: [number|null]}], one value per sample. */
function chart(samples, series, { labelledBy, bars = false }) {
  const width = 720, height = 180, left = 44, right = 8, top = 10, bottom = 24;
  const plotW = width - left - right, plotH = height - top - bottom;
  const all = series.flatMap((s) => s.values).filter((v) => v !== null && v !== undefined);
  const max = (all.length ? Math.max(...all) : 0) * 1.1 || 1;
  // a fixed number of slots, newest on the right, so the chart fills up from the right as minutes pass
  const n = Math.max(samples.length, 60);
  const x = (i) => left + ((n - samples.length + i + 0.5) / n) * plotW;
  const y = (v) => top + plotH - (v / max) * plotH;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-labelledby": labelledBy });
  for (const fraction of [0, 0.5, 1]) {
    const value = max * fraction;
    root.append(svg("line", { x1: left, x2: width - right, y1: y(value), y2: y(value), stroke: "#d5d9df" }));
    root.append(svg("text", { x: left - 4, y: y(value) + 4, "text-anchor": "end" }, value >= 10 ? value.toFixed(0) : value.toFixed(1)));
  }
  if (samples.length) {
    const first = new Date(samples[0].at), last = new Date(samples[samples.length - 1].at);
    if (samples.length > 12) root.append(svg("text", { x: x(0), y: height - 6 }, first.toLocaleTimeString()));
    root.append(svg("text", { x: width - right, y: height - 6, "text-anchor": "end" }, last.toLocaleTimeString()));
  }
  for (const s of series) {
    if (bars) {
      const barW = Math.max(1, plotW / n - 1);
      s.values.forEach((v, i) => {
        if (v) root.append(svg("rect", { x: x(i) - barW / 2, y: y(v), width: barW, height: top + plotH - y(v), fill: s.colour }));
      });
    } else {
      let d = "";
      s.values.forEach((v, i) => {
        if (v === null || v === undefined) return;
        d += `${d && s.values[i - 1] != null ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      });
      if (d) root.append(svg("path", { d, fill: "none", stroke: s.colour, "stroke-width": 2, "data-series": s.name }));
    }
  }
  return root;
}

function timeline(data) {
  const samples = data.samples || [];
  const stores = Object.keys(STORE_NAMES);
  const requestTotal = samples.reduce((sum, s) => sum + s.requests, 0);
  document.getElementById("requests-caption").textContent =
    `HTTP requests per ${data.intervalSeconds} s interval: ${requestTotal} in the last ${age(samples.length * data.intervalSeconds)} (the console's own polls not counted)`;
  document.getElementById("requests-chart").replaceChildren(chart(samples,
    [{ name: "requests", colour: "#0b57d0", values: samples.map((s) => s.requests) }], { labelledBy: "requests-caption", bars: true }));
  const latest = samples[samples.length - 1];
  document.getElementById("latency-caption").textContent = "Store round-trip latency, milliseconds" + (latest
    ? ` (latest: ${stores.map((s) => `${STORE_NAMES[s]} ${ms(latest.latencyMs?.[s])}`).join(", ")})` : "");
  document.getElementById("latency-chart").replaceChildren(chart(samples,
    stores.map((s) => ({ name: s, colour: STORE_COLOURS[s], values: samples.map((sample) => sample.latencyMs?.[s] ?? null) })),
    { labelledBy: "latency-caption" }));
  document.getElementById("latency-legend").replaceChildren(...stores.map((s) =>
    el("li", {}, el("span", { class: "swatch", style: `background:${STORE_COLOURS[s]}`, "aria-hidden": "true" }), STORE_NAMES[s])));
}

async function refresh() {
  try {
    const console = await api("/api/admin/console", { quiet: true });
    clearProblem();
    document.getElementById("console-signin").hidden = true;
    document.getElementById("console-content").hidden = false;
    document.getElementById("console-updated").textContent = formatDate(console.generatedAt);
    document.getElementById("console-updated").dateTime = console.generatedAt;
    document.getElementById("heartbeat-seconds").textContent = console.heartbeatSeconds;
    document.getElementById("store-cards").replaceChildren(...console.stores.map(storeCard));
    outbox(console.outbox);
    timeline(console.timeline);
    await searchIndex();
    await audit();
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      document.getElementById("console-content").hidden = true;
      document.getElementById("console-signin").hidden = false;
      document.getElementById("console-signin-reason").textContent = e.status === 403
        ? "Your account is not an administrator. Sign in with an administrator account."
        : "Sign in with an administrator account to see the console.";
      return; // no point polling until someone signs in
    }
    showProblem(e); // a store or the app is down: say so, and keep polling so the console recovers by itself
  }
  schedule();
}

async function audit() {
  let report;
  try {
    report = await api("/api/admin/audit", { quiet: true });
  } catch (e) {
    if (e.status === 404) return; // not run yet
    throw e;
  }
  const running = report.status === "RUNNING";
  document.getElementById("run-audit").disabled = running;
  const drifted = report.invariants.reduce((sum, i) => sum + i.drifted, 0);
  const repaired = report.invariants.reduce((sum, i) => sum + i.repaired, 0);
  document.getElementById("audit-summary").textContent = running
    ? `Running since ${formatDate(report.startedAt)}: ${report.current ?? "starting"}, ${report.checkedSoFar} checked so far.`
    : `${report.status === "DONE" ? "Last run" : "Last run (failed)"} ${formatDate(report.finishedAt)} (${report.trigger}): `
      + `${drifted} drifted, ${repaired} repaired.`;
  document.getElementById("audit-rows").replaceChildren(...report.invariants.map((i) => el("tr", {},
    el("th", { scope: "row", title: i.description }, i.invariant),
    el("td", { class: "number" }, String(i.checked)),
    el("td", { class: "number" }, String(i.drifted)),
    el("td", { class: "number" }, String(i.repaired)),
    el("td", {}, [...(i.samples ?? []), i.note, i.error].filter(Boolean).join("; ")))));
}

document.getElementById("run-audit").addEventListener("click", async () => {
  await api("/api/admin/audit?wait=PT0S", { method: "POST" });
  refresh();
});

async function searchIndex() {
  const index = await api("/api/admin/search/index", { quiet: true });
  const mb = (index.sizeBytes / 1e6).toFixed(1);
  document.getElementById("search-index-summary").textContent = index.rebuilding
    ? `Rebuilding: ${index.rebuildProgress} products indexed so far (${index.documents} searchable meanwhile).`
    : `${index.documents} products, ${mb} MB on disk; ${index.lagSeconds < 0 ? "catching up" : `at most ${index.lagSeconds.toFixed(1)} s behind the inventory`}.`;
  document.getElementById("search-index-rebuild").disabled = index.rebuilding;
}

document.getElementById("search-index-rebuild").addEventListener("click", async () => {
  try {
    await api("/api/admin/search/index/rebuild", { method: "POST" });
    await searchIndex();
  } catch (e) {
    showProblem(e);
  }
});

function schedule() {
  clearTimeout(timer);
  if (!paused) timer = setTimeout(refresh, REFRESH_MS);
}

document.getElementById("pause-refresh").addEventListener("click", (event) => {
  paused = !paused;
  event.currentTarget.setAttribute("aria-pressed", String(paused));
  event.currentTarget.textContent = paused ? "Resume auto-refresh" : "Pause auto-refresh";
  if (paused) clearTimeout(timer); else refresh();
});

refresh();
