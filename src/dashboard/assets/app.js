// The dashboard's script: reads the node's API with the admin key from session storage and
// renders it. Everything from the API is put in the page as text (textContent), never as HTML:
// agent names and metadata come from other people's transactions.
const KEY = "escrowd.adminKey";
const $ = (id) => document.getElementById(id);
let facts = { network: "Preprod", usdmUnit: "", explorer: null };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : String(c ?? ""));
  return node;
}

async function api(path, init = {}) {
  const res = await fetch(path, {
    ...init,
    headers: { token: sessionStorage.getItem(KEY) ?? "", "content-type": "application/json" },
  });
  const body = await res.json().catch(() => ({}));
  if (res.status === 401)
    throw Object.assign(new Error("the admin key was refused"), { auth: true });
  if (!res.ok) throw new Error(`${path}: ${body?.error?.message ?? res.status}`);
  return body.data;
}

/** An amount in base units with its unit: ADA and USDM with their 6 decimals. */
function amountText(unit, base) {
  const n = BigInt(base);
  const six = `${n / 1000000n}.${(n % 1000000n).toString().padStart(6, "0")}`;
  if (unit === "" || unit === "lovelace") return `${six} ADA`;
  if (unit === facts.usdmUnit) return `${six} ${facts.network === "Mainnet" ? "USDM" : "tUSDM"}`;
  return `${n} × ${unit.slice(0, 12)}…`;
}
const amounts = (list) => (list ?? []).map((a) => amountText(a.unit, a.amount)).join(", ");
const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");
const short = (id) => (id && id.length > 24 ? `${id.slice(0, 10)}…${id.slice(-10)}` : (id ?? ""));

function table(headers, rows) {
  if (rows.length === 0) return el("p", {}, "None.");
  const head = el("tr", {}, ...headers.map((h) => el("th", { scope: "col" }, h)));
  const body = rows.map((cells) =>
    el(
      "tr",
      {},
      ...cells.map((c) => (c instanceof Node && c.tagName === "TD" ? c : el("td", {}, c))),
    ),
  );
  return el(
    "div",
    { class: "table" },
    el("table", {}, el("thead", {}, head), el("tbody", {}, ...body)),
  );
}
const num = (text) => el("td", { class: "num" }, text);

function txLink(hash) {
  if (!hash) return "";
  const href = facts.explorer ? facts.explorer(hash) : null;
  const label = short(hash);
  return href
    ? el("a", { href, class: "id", title: hash }, label)
    : el("span", { class: "id", title: hash }, label);
}

/** Why an escrow needs a person, or null. */
function troubleOf(e) {
  if (e.NextAction?.errorType)
    return `${e.NextAction.requestedAction}: ${e.NextAction.errorNote ?? "failed"}`;
  if (e.onChainState === "FundsOrDatumInvalid")
    return `invalid lock: ${e.invalidReason ?? "does not match the terms"}`;
  if (e.onChainState === "Disputed") return "disputed: waiting for the admins";
  if (e.onChainState === "RefundRequested") return "refund requested: the seller may authorise it";
  return null;
}

function escrowRows(list) {
  // The ones in trouble first, then newest first.
  return [...list].sort((a, b) => Number(Boolean(troubleOf(b))) - Number(Boolean(troubleOf(a))));
}

function renderEscrows(kind, list) {
  const filter = $(`${kind}-filter`);
  const states = [...new Set(list.map((e) => e.state))].sort();
  const chosen = filter.value;
  filter.replaceChildren(
    el("option", { value: "" }, "all"),
    ...states.map((s) => el("option", { value: s }, s)),
  );
  filter.value = states.includes(chosen) ? chosen : "";
  const shown = escrowRows(list).filter((e) => !filter.value || e.state === filter.value);
  $(`${kind}-list`).replaceChildren(
    table(
      ["State", "Amount", "Agent", "Problem", "Updated", "blockchainIdentifier"],
      shown.map((e) => {
        const problem = troubleOf(e);
        return [
          e.state,
          num(amounts(kind === "payments" ? e.RequestedFunds : e.PaidFunds)),
          e.agentName ?? short(e.agentIdentifier),
          problem ? el("span", { class: "bad" }, problem) : "",
          when(e.updatedAt),
          el("span", { class: "id", title: e.blockchainIdentifier }, short(e.blockchainIdentifier)),
        ];
      }),
    ),
  );
}

async function load() {
  $("load-error").textContent = "";
  const status = await api("/dashboard/status");
  facts = {
    network: status.network === "mainnet" ? "Mainnet" : "Preprod",
    usdmUnit: status.usdmUnit,
    explorer: status.devnet
      ? (h) => `${status.devnet.url}/api/v0/txs/${h}`
      : (h) =>
          `https://${status.network === "mainnet" ? "" : "preprod."}cardanoscan.io/transaction/${h}`,
  };
  const n = facts.network;
  const [agents, payments, purchases, wallets] = await Promise.all([
    api(`/api/v1/registry?network=${n}&limit=100`),
    api(`/api/v1/payment?network=${n}&limit=100`),
    api(`/api/v1/purchase?network=${n}&limit=100`),
    api(`/api/v1/wallet/list?take=50`),
  ]);
  const facts_ = [
    ["Network", `${facts.network}${status.devnet ? " (local devnet)" : ""}`],
    ["Workers", status.ready ? "running" : `starting: ${status.stage}`],
    ...status.watchers.map((w) => [
      `Watcher ${short(w.name)}`,
      `block ${w.height}, saved ${new Date(w.savedAtMs).toLocaleString()}`,
    ]),
  ];
  if (status.devnet)
    facts_.push([
      "Chain tip",
      `block ${status.devnet.tip.height}, chain time ${new Date(status.devnet.timeMs).toLocaleString()}`,
    ]);
  $("node-facts").replaceChildren(
    ...facts_.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]),
  );
  $("devnet").hidden = !status.devnet;

  const trouble = [
    ...payments.Payments.map((e) => ["payment", e]),
    ...purchases.Purchases.map((e) => ["purchase", e]),
  ].filter(([, e]) => troubleOf(e));
  $("trouble-list").replaceChildren(
    table(
      ["Side", "State", "Problem", "blockchainIdentifier"],
      trouble.map(([side, e]) => [
        side,
        e.state,
        el("span", { class: "bad" }, troubleOf(e)),
        el("span", { class: "id" }, short(e.blockchainIdentifier)),
      ]),
    ),
  );
  renderEscrows("payments", payments.Payments);
  renderEscrows("purchases", purchases.Purchases);
  $("payments-filter").onchange = () => renderEscrows("payments", payments.Payments);
  $("purchases-filter").onchange = () => renderEscrows("purchases", purchases.Purchases);

  $("agents-list").replaceChildren(
    table(
      ["Name", "State", "Price", "agentIdentifier"],
      agents.Assets.map((a) => [
        a.name,
        a.error ? el("span", { class: "bad" }, `${a.state}: ${a.error}`) : a.state,
        num(
          (a.AgentPricing?.Pricing ?? []).map((p) => amountText(p.unit, p.amount)).join(", ") ||
            a.AgentPricing?.pricingType ||
            "",
        ),
        el("span", { class: "id" }, short(a.agentIdentifier)),
      ]),
    ),
  );

  const balances = await Promise.all(
    wallets.Wallets.map((w) =>
      api(`/api/v1/balance?network=${n}&address=${encodeURIComponent(w.walletAddress)}`).then(
        (b) => b.Balance,
        () => [],
      ),
    ),
  );
  $("wallets-list").replaceChildren(
    table(
      ["Role", "Address", "vkey", "Balance", "Low balance"],
      wallets.Wallets.map((w, i) => [
        w.type === "Selling" ? "selling" : "purchasing",
        el("span", { class: "id" }, w.walletAddress),
        el("span", { class: "id" }, w.walletVkey),
        num(balances[i].map((b) => amountText(b.unit, b.quantityString)).join(", ")),
        w.LowBalanceSummary?.isLow
          ? el("span", { class: "warn" }, "LOW")
          : `${w.LowBalanceSummary?.lowRuleCount ?? 0} rule(s), ok`,
      ]),
    ),
  );

  const txs = [
    ...payments.Payments.filter((p) => p.escrowId).map((p) => [
      p.escrowId.split("#")[0],
      "lock of a payment",
      p.updatedAt,
    ]),
    ...purchases.Purchases.filter((p) => p.CurrentTransaction?.txHash).map((p) => [
      p.CurrentTransaction.txHash,
      "purchase's lock",
      p.updatedAt,
    ]),
    ...agents.Assets.filter((a) => a.CurrentTransaction?.txHash).map((a) => [
      a.CurrentTransaction.txHash,
      `registration of ${a.name}`,
      a.updatedAt,
    ]),
  ];
  const seen = new Set();
  const recent = txs
    .filter(([h]) => !seen.has(h) && seen.add(h))
    .sort((a, b) => (a[2] < b[2] ? 1 : -1))
    .slice(0, 30);
  $("transactions-list").replaceChildren(
    table(
      ["Transaction", "What", "When"],
      recent.map(([h, what, at]) => [txLink(h), what, when(at)]),
    ),
  );
  return { wallets };
}

async function show() {
  const signedIn = Boolean(sessionStorage.getItem(KEY));
  $("sign-in").hidden = signedIn;
  $("board").hidden = !signedIn;
  $("sign-out").hidden = !signedIn;
  if (!signedIn) return $("admin-key").focus();
  try {
    const { wallets } = await load();
    wireDevnet(wallets.Wallets);
  } catch (err) {
    if (err.auth) {
      sessionStorage.removeItem(KEY);
      $("sign-in-error").textContent = err.message;
      return show();
    }
    $("load-error").textContent = String(err.message ?? err);
  }
  document.body.dataset.loaded = "true";
}

function wireDevnet(wallets) {
  const done = (text) => {
    $("devnet-result").textContent = text;
    return show();
  };
  const move = (ms) =>
    api("/dashboard/devnet/time", { method: "POST", body: JSON.stringify({ advanceMs: ms }) });
  $("move-hour").onclick = () =>
    move(3600000).then(
      () => done("Moved time by an hour."),
      (e) => done(e.message),
    );
  $("move-day").onclick = () =>
    move(86400000).then(
      () => done("Moved time by a day."),
      (e) => done(e.message),
    );
  const buyer = wallets.find((w) => w.type === "Purchasing");
  $("faucet").disabled = !buyer;
  $("faucet").onclick = () =>
    api("/dashboard/devnet/faucet", {
      method: "POST",
      body: JSON.stringify({ address: buyer.walletAddress, lovelace: "100000000" }),
    }).then(
      () => done("The faucet paid 100 ADA to the purchasing wallet."),
      (e) => done(e.message),
    );
}

$("sign-in").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("admin-key").value);
  $("admin-key").value = "";
  $("sign-in-error").textContent = "";
  show();
});
$("sign-out").addEventListener("click", () => {
  sessionStorage.removeItem(KEY);
  show();
});
show();
