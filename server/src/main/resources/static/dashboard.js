// wa-fleet dashboard: one card per slot, live through /api/events.
// The token lives in sessionStorage (this tab only) and travels only in the Authorization header; the event
// stream is read with fetch() because EventSource cannot send headers.
"use strict";

const TOKEN_KEY = "wa-fleet-admin-token";
const cards = document.getElementById("cards");
const accounts = new Map();
let streamAbort = null;
let demo = false;
let adoption = { source: "", adoptedCount: 0, importedNow: 0, adopted: [], problems: [] };

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { ...(options.headers || {}), Authorization: "Bearer " + token() },
  });
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin("The token was refused.");
    throw new Error("unauthorized");
  }
  return response;
}

function showLogin(message) {
  if (streamAbort) streamAbort.abort();
  document.getElementById("login").hidden = false;
  document.getElementById("logout").hidden = true;
  document.getElementById("login-error").textContent = message || "";
  cards.replaceChildren();
  accounts.clear();
}

async function loadDashboard() {
  const response = await api("/api/status/dashboard");
  const dashboard = await response.json();
  document.getElementById("login").hidden = true;
  document.getElementById("logout").hidden = false;
  demo = dashboard.service.demo;
  dashboard.accounts.forEach(a => accounts.set(a.accountId, a));
  adoption = await (await api("/api/adoption")).json();
  renderAdoption();
  renderAll();
  renderService(dashboard);
}

// What the boot-time adoption of the old Baileys service's folders did; problems stay listed until the next start.
function renderAdoption() {
  const panel = document.getElementById("adoption");
  panel.hidden = adoption.adopted.length === 0 && adoption.problems.length === 0;
  panel.replaceChildren(text("div", `Adopted from Baileys (${adoption.source}): ${adoption.adoptedCount} accounts, ` +
    `${adoption.importedNow} imported at this start, ${adoption.problems.length} need attention`));
  if (adoption.problems.length > 0) {
    const list = document.createElement("ul");
    list.append(...adoption.problems.map(p =>
      text("li", `${p.alias}${p.slot ? " → " + p.slot : ""}: ${p.reason}: ${p.meaning}`, "warning")));
    panel.append(list);
  }
}

function renderService(dashboard) {
  document.getElementById("service").textContent =
    `${demo ? "DEMO (simulated WhatsApp) · " : ""}service ${dashboard.service.status} · storage ${dashboard.storage.writable ? "writable" : "NOT WRITABLE"} · ${dashboard.storage.path}`;
}

function renderSummary() {
  const counts = {};
  for (const a of accounts.values()) counts[a.status] = (counts[a.status] || 0) + 1;
  const summary = document.getElementById("summary");
  summary.replaceChildren(...Object.entries(counts).sort().map(([state, n]) => {
    const span = document.createElement("span");
    span.textContent = `${state} ${n}`;
    return span;
  }));
}

function renderAll() {
  cards.replaceChildren(...[...accounts.values()].map(card));
  renderSummary();
}

function update(account) {
  accounts.set(account.accountId, account);
  const existing = document.getElementById("card-" + account.accountId);
  if (existing) existing.replaceWith(card(account)); else cards.append(card(account));
  renderSummary();
}

function text(tag, content, className) {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) element.className = className;
  return element;
}

function card(a) {
  const element = document.createElement("section");
  element.className = "card state-" + a.status;
  element.id = "card-" + a.accountId;
  element.dataset.state = a.status;
  const title = text("h2", a.name);
  title.append(text("small", a.accountId));
  element.append(title, text("div", a.status + (a.reason ? " · " + a.reason : ""), "state"));
  if (a.alias) element.append(text("div", "adopted from Baileys: " + a.alias, "meta alias"));
  const adopted = adoption.problems.find(p => p.slot === a.accountId);
  if (adopted) element.append(text("div", adopted.reason + ": " + adopted.meaning, "warning"));
  if (a.alias && a.status === "CONFLICT") {
    // 440 on an adopted account: almost always the old Baileys service, still running on the same session.
    element.append(text("div", "Another client took this session over: the old Baileys service is probably still running. " +
      "Stop it (for good), then press Restart.", "warning"));
  }
  if (a.phone) element.append(text("div", a.phone, "meta"));
  if (a.lastConnectedAt) element.append(text("div", "last connected " + a.lastConnectedAt, "meta"));
  if (a.nextRetryAt) element.append(text("div", "next retry " + a.nextRetryAt, "meta"));
  if (a.qrCode) {
    const image = document.createElement("img");
    image.className = "qr";
    image.alt = "QR code to link " + a.accountId;
    image.src = a.qrCode; // a data: URL, fetched with the token as part of the JSON
    element.append(image);
  }
  const actions = document.createElement("div");
  actions.className = "actions";
  const action = (label, path, prefix = "/api/accounts/") => {
    const button = text("button", label);
    button.addEventListener("click", async () => {
      const response = await api(`${prefix}${encodeURIComponent(a.accountId)}${path}`, { method: "POST" });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        alert(problem.detail || response.statusText);
      }
    });
    actions.append(button);
  };
  if (["STOPPED", "LOGGED_OUT"].includes(a.status)) action("Link", "/link");
  if (demo && a.qrCode) action("Simulate scan", "/scan", "/api/demo/accounts/");
  if (!["STOPPED", "QR_REQUIRED"].includes(a.status)) action("Restart", "/restart");
  if (a.status !== "STOPPED") action("Stop", "/stop");
  if (a.phone) action("Log out", "/logout");
  element.append(actions);
  return element;
}

// Reads text/event-stream from a fetch() body and hands each "account" event to update().
async function follow() {
  streamAbort = new AbortController();
  const response = await api("/api/events", { signal: streamAbort.signal, headers: { Accept: "text/event-stream" } });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split("\n").filter(l => l.startsWith("data:")).map(l => l.slice(5)).join("\n");
      if (data) update(JSON.parse(data).account);
    }
  }
}

async function run() {
  for (;;) {
    try {
      await loadDashboard();
      await follow();
    } catch (error) {
      if (error.message === "unauthorized" || (streamAbort && streamAbort.signal.aborted)) return;
    }
    await new Promise(resolve => setTimeout(resolve, 2000)); // stream ended: reload and follow again
  }
}

document.getElementById("login").addEventListener("submit", event => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, document.getElementById("token").value.trim());
  run();
});
document.getElementById("logout").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showLogin();
});

if (token()) run(); else showLogin();
