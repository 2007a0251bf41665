// A counted vote and a role selection on a member's device and on the projector (/screen).
// Plain JavaScript, no external assets; every piece of text from the meeting goes in through
// textContent, never as HTML. It draws from the message app.js receives (the "meeting"
// event): `view.item.vote` and `view.item.selection`, which the facilitator's process
// decides (core/public_process.py): a secret vote carries no name, the nominees come only
// after the nominations round, and a confidential item carries neither.
"use strict";

(function () {
  // Every word this page shows (but the count phrase, said with `tn()`), in one
  // table, so it can be routed through a translation helper (`t()`) without hunting for
  // strings. `{name}` marks are filled by `say()`.
  const WORDS = {
    vote: "Vote",
    motion: "Motion",
    needed: "{threshold} of {base} needed",
    secret: "Secret ballot: counted as totals, no names recorded.",
    waiting: "Not opened yet. The chair opens it when quorum is met.",
    carried: "Carried",
    failed: "Failed",
    result: "{result}: {for} for, {against} against, {abstain} abstaining; {share} of {base}, {threshold} needed ({needed} of {total})",
    noBase: "{result}: {for} for, {against} against, {abstain} abstaining; no {base}",
    rollCall: "How each voted",
    choice_for: "for",
    choice_against: "against",
    choice_abstain: "abstains",
    base_cast: "votes cast",
    base_present: "voting members present",
    base_members: "voting members",
    selection: "Role selection",
    term: "Term: {term}",
    qualifications: "Qualifications: {text}",
    stage: "Stage: {stage}",
    stage_present: "Present the role",
    stage_nominate: "Nominations, in silence",
    stage_nominations: "Nominations round",
    stage_change: "Change round",
    stage_propose: "Propose a nominee",
    stage_consent: "Consent round",
    stage_resolve: "Resolve objections",
    stage_selected: "Selected",
    nominees: "Nominations",
    nomineesLater: "The nominations are counted after the nominations round.",
    nominations: "{name}: {n}",
    advisory: " (+{n} advisory)",
    proposed: "Proposed: {name}",
    heard: "Consent round: {heard} of {asked} heard",
    next: "Next: {name} (the nominee is asked last)",
    objections: "Objections standing: {n}",
    selected: "Selected: {name}",
  };

  const $ = (id) => document.getElementById(id);
  // The members' view's translation helper, once it has one (`t(english)`); English until then.
  const t = (key) => (typeof window.t === "function" ? window.t(WORDS[key]) : WORDS[key]);

  // A count phrase (`tn(singular, plural, n)`): its forms are in the table's plurals, so a
  // language with other plural rules says it right; English until the helper is there.
  const tn = (one, many, n) =>
    typeof window.tn === "function"
      ? window.tn(one, many, n)
      : (n === 1 ? one : many).replace(/\{n\}/g, String(n));

  function say(key, values) {
    return t(key).replace(/\{(\w+)\}/g, (all, name) =>
      values && name in values ? String(values[name]) : all);
  }

  function text(id, value) {
    $(id).textContent = value;
  }

  function item(tag, content, cls) {
    const node = document.createElement(tag);
    node.textContent = content;
    if (cls) node.className = cls;
    return node;
  }

  function baseWords(of) {
    return WORDS[`base_${of}`] ? t(`base_${of}`) : of;
  }

  function resultLine(vote) {
    const r = vote.result;
    const values = {
      result: t(r.result === "carried" ? "carried" : "failed"),
      for: r.votes_for,
      against: r.against,
      abstain: r.abstain,
      share: r.share,
      base: baseWords(vote.of),
      threshold: vote.threshold,
      needed: r.needed,
      total: r.base,
    };
    return say(r.base > 0 ? "result" : "noBase", values);
  }

  function renderVote(vote) {
    show("vote", Boolean(vote));
    if (!vote) return;
    text("vote-h", t("vote"));
    text("vote-motion-label", t("motion"));
    text("vote-motion", vote.motion);
    text("vote-threshold", say("needed", { threshold: vote.threshold, base: baseWords(vote.of) }));
    text("vote-secret", vote.secret ? t("secret") : "");
    let status;
    if (vote.result) status = resultLine(vote);
    else if (vote.open) {
      status = tn(
        "The vote is open: {n} voting member may vote.",
        "The vote is open: {n} voting members may vote.",
        vote.voters,
      );
    }
    else status = t("waiting");
    text("vote-status", status);
    $("vote-status").className = vote.result ? `result ${vote.result.result}` : "";
    const list = $("vote-ballots");
    list.replaceChildren();
    show("vote-ballots-box", vote.ballots.length > 0);
    text("vote-ballots-h", t("rollCall"));
    for (const b of vote.ballots) {
      const choice = WORDS[`choice_${b.choice}`] ? t(`choice_${b.choice}`) : b.choice;
      list.append(item("li", `${b.name}: ${choice}`));
    }
  }

  function renderSelection(sel) {
    show("selection", Boolean(sel));
    if (!sel) return;
    text("selection-h", t("selection"));
    text("selection-role", sel.role);
    const about = [];
    if (sel.term) about.push(say("term", { term: sel.term }));
    if (sel.qualifications) about.push(say("qualifications", { text: sel.qualifications }));
    text("selection-about", about.join(" · "));
    const stage = WORDS[`stage_${sel.stage}`] ? t(`stage_${sel.stage}`) : sel.stage;
    text("selection-stage", say("stage", { stage }));
    const list = $("selection-nominees");
    list.replaceChildren();
    text("selection-nominees-h", t("nominees"));
    show("selection-nominees-h", sel.nominees.length > 0);
    for (const n of sel.nominees) {
      const advisory = n.advisory ? say("advisory", { n: n.advisory }) : "";
      const top = sel.proposed === n.name ? "top" : "";
      list.append(item("li", say("nominations", { name: n.name, n: n.nominations }) + advisory, top));
    }
    const early = ["present", "nominate", "nominations"].includes(sel.stage);
    text("selection-later", early ? t("nomineesLater") : "");
    const lines = [];
    if (sel.selected) {
      lines.push(say("selected", { name: sel.selected }));
    } else if (sel.proposed) {
      lines.push(say("proposed", { name: sel.proposed }));
      lines.push(say("heard", { heard: sel.heard, asked: sel.asked }));
      if (sel.next) lines.push(say("next", { name: sel.next }));
      if (sel.objections) lines.push(say("objections", { n: sel.objections }));
    }
    text("selection-status", lines.join(" · "));
  }

  function show(id, on) {
    $(id).hidden = !on;
  }

  function render(detail) {
    const current = detail.view.item;
    const live = current && !detail.view.off_record;
    renderVote(live ? current.vote : null);
    renderSelection(live ? current.selection : null);
  }

  document.addEventListener("meeting", (event) => render(event.detail));
})();
