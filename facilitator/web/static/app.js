// The members' view. Plain JavaScript, no external assets. Every piece of text from the
// meeting goes in through textContent, never as HTML. State arrives by Server-Sent Events;
// EventSource reconnects by itself (the server says after 2 s), and the first message
// after a reconnect is the whole current state, so nothing reloads. Every word the page
// writes goes through t() / tn() (static/i18n.js), in the meeting screen's language.
"use strict";

(function () {
  const screenMode = location.pathname === "/screen";
  const $ = (id) => document.getElementById(id);
  let view = null;
  let you = { name: null };
  let offset = 0; // meeting clock minus the page's clock, in seconds
  let source = null;
  let retry = 0;

  if (screenMode) document.body.classList.add("screen");

  function meetingNow() {
    return performance.now() / 1000 + offset;
  }

  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const r = String(s % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${r}` : `${m}:${r}`;
  }

  function text(id, value) {
    $(id).textContent = value;
  }

  function show(id, on) {
    $(id).hidden = !on;
  }

  function el(tag, content, cls) {
    const node = document.createElement(tag);
    if (content !== undefined) node.textContent = content;
    if (cls) node.className = cls;
    return node;
  }

  async function post(path, body, errorId) {
    if (errorId) text(errorId, "");
    try {
      const response = await fetch(path, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body || {}),
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        if (errorId) text(errorId, data.error || t("Not done ({status}).", { status: response.status }));
        return null;
      }
      return data;
    } catch (e) {
      if (errorId) text(errorId, t("Not sent: the connection is down. Try again in a moment."));
      return null;
    }
  }

  function tickClocks() {
    if (!view || view.off_record) return;
    const now = meetingNow();
    const item = view.item;
    if (item) {
      const spent = item.elapsed + (item.since === null ? 0 : Math.max(0, now - item.since));
      const left = item.planned - spent;
      const paused = item.status === "paused";
      const said = left >= 0
        ? (paused ? t("{time} left (paused)", { time: clock(left) }) : t("{time} left", { time: clock(left) }))
        : (paused ? t("{time} over (paused)", { time: clock(-left) }) : t("{time} over", { time: clock(-left) }));
      text("timebox", said);
    } else {
      text("timebox", "–");
    }
    if (view.turn_since !== null) {
      const turn = Math.max(0, now - view.turn_since);
      const limit = view.speaker_limit;
      text("turn", limit ? t("{time} of {limit}", { time: clock(turn), limit: clock(limit) }) : clock(turn));
    } else {
      text("turn", "–");
    }
  }

  function render() {
    if (!view) return;
    document.title = view.title;
    text("title", view.title);
    const off = view.off_record;
    show("notice", off || view.ended);
    text("notice", off ? t("Off the record") : view.ended ? t("The meeting has ended.") : "");
    for (const id of ["now", "floor", "stack-box"]) show(id, !off);
    renderItem();
    renderStack();
    renderProposal();
    renderYou();
    tickClocks();
    // Other parts of the page (dots.js) draw from the same message.
    document.dispatchEvent(new CustomEvent("meeting", { detail: { view, you, screenMode } }));
  }

  function renderItem() {
    const item = view.item;
    if (!view.started) text("item", t("The meeting has not started yet."));
    else if (!item) text("item", t("Between items."));
    else text("item", `${item.number}. ${item.title}` + (item.confidential ? " 🔒" : ""));
    if (view.speaker) {
      const name = { name: view.speaker };
      const said = { round: t("{name} (round)", name), process: t("{name} (point of process)", name),
        direct: t("{name} (direct response)", name), clarify: t("{name} (clarifying question)", name) };
      text("speaker", said[view.speaker_kind] || view.speaker);
    } else if (item && item.round_turn) {
      text("speaker", t("Round: {name}'s turn", { name: item.round_turn }));
    } else {
      text("speaker", t("Nobody has the floor."));
    }
  }

  function renderStack() {
    const list = $("stack");
    const entries = screenMode ? view.stack.slice(0, 5) : view.stack;
    list.replaceChildren();
    entries.forEach((entry) => {
      const li = el("li");
      const mine = you.name !== null && entry.name === you.name;
      if (mine) li.className = "me";
      li.append(el("span", mine ? t("{name} (you)", { name: entry.name }) : entry.name));
      li.append(document.createTextNode(" — " + entry.kind_label));
      if (entry.reason && !screenMode) li.append(el("span", entry.reason, "reason"));
      list.append(li);
    });
    text("stack-h", screenMode ? t("Next") : t("The stack"));
    show("stack-empty", view.stack.length === 0);
  }

  // A position as people read it ("8 · Veto"), from the method's labels sent with the view.
  function labelOf(p, word) {
    const i = p.positions.indexOf(word);
    return i >= 0 && p.labels && p.labels[i] ? p.labels[i] : word;
  }

  function renderProposal() {
    const p = view.item && view.item.proposal;
    show("proposal", Boolean(p) && !view.off_record);
    if (!p) return;
    text("proposal-stage", t("{method} · version {version} · {stage}",
      { method: p.method_title, version: p.version, stage: p.stage_label }));
    text("proposal-text", p.text);
    const counts = Object.entries(p.tally).map(([k, n]) => `${labelOf(p, k)}: ${n}`);
    if (p.advisory) counts.push(t("advisory (guests): {n}", { n: p.advisory }));
    if (p.waiting_for) counts.push(t("not yet heard: {n}", { n: p.waiting_for }));
    text("tally", counts.length ? counts.join(" · ") : t("No positions yet."));
    const canGive = p.open && you.name !== null && you.role !== "observer" && !screenMode;
    show("position", canGive);
    if (!canGive) return;
    const box = $("positions");
    const chosen = box.dataset.chosen || "";
    if (box.dataset.words !== p.positions.join(",")) {
      box.replaceChildren();
      box.dataset.words = p.positions.join(",");
      p.positions.forEach((word) => {
        const label = labelOf(p, word);
        const b = el("button", p.needs_reason.includes(word) ? t("{position} (with a reason)", { position: label }) : label);
        b.type = "button";
        b.dataset.position = word;
        b.setAttribute("aria-pressed", String(word === chosen));
        box.append(b);
      });
    }
    // The reason's label names what needs one under this item's method (a veto, a fist…).
    const needing = p.needs_reason.map((w) => labelOf(p, w).toLowerCase());
    text("reason-label", needing.length
      ? t("Reason (needed for: {positions})", { positions: needing.join(", ") }) : t("Reason (optional)"));
    const legend = you.role === "guest" ? t("Your position (advisory: guests are not counted)") : t("Your position");
    text("position-legend", legend);
    const heard = p.responded.includes(you.name);
    text("position-error", heard ? t("Your position is recorded; you may change it.") : $("position-error").textContent);
  }

  function renderYou() {
    const member = you.name !== null;
    for (const node of document.querySelectorAll(".member-only")) node.hidden = !member || screenMode;
    show("join", !member && !screenMode && view.started !== undefined);
    if (!member) {
      renderRoster();
      return;
    }
    const observer = you.role === "observer";
    show("hands", !observer);
    show("withdraw", !observer);
    const index = view.stack.findIndex((e) => e.name === you.name);
    const name = { name: you.name };
    const who = { guest: t("You are {name} (guest).", name), observer: t("You are {name} (observer).", name) };
    const parts = [who[you.role] || t("You are {name}.", name)];
    if (observer) parts.push(t("Observers watch the meeting."));
    else if (view.off_record) parts.push(t("Off the record: the stack shows again when it is back on."));
    else if (view.speaker === you.name) parts.push(t("You have the floor."));
    else if (index >= 0) parts.push(t("You are number {n} in the stack.", { n: index + 1 }));
    else if (you.pending) parts.push(t("Your hand is waiting for the facilitator to accept it."));
    else parts.push(t("Your hand is down."));
    if (!you.present && !observer) parts.push(t("The facilitator has not marked you present yet."));
    text("you-line", parts.join(" "));
    $("withdraw").disabled = index < 0 && !you.pending;
  }

  function renderRoster() {
    const box = $("roster");
    const names = view.roster.map((p) => `${p.name}|${p.role}`).join(",");
    if (box.dataset.names === names) return;
    box.dataset.names = names;
    box.replaceChildren();
    view.roster.forEach((person) => {
      const name = { name: person.name };
      const said = { guest: t("{name} (guest)", name), observer: t("{name} (observer)", name) };
      const b = el("button", said[person.role] || person.name);
      b.type = "button";
      b.dataset.name = person.name;
      box.append(b);
    });
  }

  function reconnect() {
    if (source) source.close();
    connect();
  }

  function connect() {
    source = new EventSource("/events");
    source.onopen = () => {
      retry = 0;
      text("link", t("● Live"));
    };
    source.onmessage = (event) => {
      const data = JSON.parse(event.data);
      view = data.view;
      you = data.you;
      offset = data.now - performance.now() / 1000;
      text("link", t("● Live"));
      render();
    };
    source.onerror = () => {
      text("link", t("○ Reconnecting…"));
      if (source.readyState === EventSource.CLOSED) {
        // Refused (e.g. sharing was turned off): try again later, spaced out, never a reload.
        source.close();
        retry = Math.min(retry + 1, 6);
        setTimeout(connect, (2 ** retry + Math.random() * 2) * 1000);
      }
    };
  }

  document.addEventListener("click", async (event) => {
    const target = event.target.closest("button");
    if (!target) return;
    if (target.dataset.name) {
      const done = await post("/claim", { name: target.dataset.name }, "join-error");
      // The stream was opened before the claim cookie existed: open it again with it.
      if (done) { you = { name: done.name, role: done.role }; render(); reconnect(); }
    } else if (target.dataset.hand) {
      await post("/hand", { kind: target.dataset.hand }, "you-error");
    } else if (target.id === "withdraw") {
      await post("/withdraw", {}, "you-error");
    } else if (target.id === "leave") {
      if (await post("/unclaim", {}, "you-error")) { you = { name: null }; render(); reconnect(); }
    } else if (target.dataset.position) {
      const box = $("positions");
      box.dataset.chosen = target.dataset.position;
      for (const b of box.querySelectorAll("button")) {
        b.setAttribute("aria-pressed", String(b === target));
      }
    }
  });

  $("position").addEventListener("submit", async (event) => {
    event.preventDefault();
    const position = $("positions").dataset.chosen;
    if (!position) { text("position-error", t("Choose a position first.")); return; }
    const reason = $("reason").value;
    const p = view.item && view.item.proposal;
    if (p && p.needs_reason.includes(position) && !reason.trim()) {
      text("position-error", t("{position} needs its reason.", { position: labelOf(p, position) }));
      return;
    }
    const done = await post("/position", { position, reason }, "position-error");
    if (done) text("position-error", t("Recorded: {position}.", { position: p ? labelOf(p, position) : position }));
  });

  setInterval(tickClocks, 1000);
  connect();
})();
