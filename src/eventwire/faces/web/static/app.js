// eventwire's web page: plain JavaScript, no build step, no network beyond this server.
// Every value from the API is put into the page as a text node or an attribute value, never as HTML.
"use strict";

const PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
  4: "material conflict"};
const SVG = "http://www.w3.org/2000/svg";
const PAGE_SIZE = 50;

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function setStatus(text, isError) {
  const status = document.getElementById("status");
  if (!status) return;
  status.textContent = text || "";
  status.classList.toggle("error", Boolean(isError));
}

async function getJSON(url, options) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const problem = body.detail ? `${body.code || response.status}: ${body.detail}` : response.statusText;
    throw new Error(problem);
  }
  return body;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) search.set(name, value);
  }
  return search.toString();
}

function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value === "string" && value.trim() !== "") values[name] = value.trim();
  }
  return values;
}

function fillForm(form, values) {
  for (const field of form.elements) {
    if (field.name && values[field.name] !== undefined) field.value = values[field.name];
  }
}

function urlValues() {
  return Object.fromEntries(new URLSearchParams(window.location.search).entries());
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

// -- events table ---------------------------------------------------------------------------------
const FILTER_NAMES = ["actor", "source", "target", "type", "cameo", "since", "until", "outlet",
  "min_confidence"];

function eventsView() {
  const form = document.getElementById("filters");
  const types = form.elements.type;
  for (const type of PLOVER_TYPES) types.append(el("option", {value: type}, type));
  const roots = form.elements.cameo;
  for (let root = 1; root <= 20; root += 1) {
    const code = String(root).padStart(2, "0");
    roots.append(el("option", {value: code}, code));
  }
  const state = {sort: null, order: "asc", offset: 0, ...urlValues()};
  state.offset = Number(state.offset) || 0;
  fillForm(form, state);
  const load = () => loadEvents(state);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    for (const name of FILTER_NAMES) delete state[name];
    Object.assign(state, formValues(form), {offset: 0});
    load();
  });
  form.addEventListener("reset", () => {
    for (const name of FILTER_NAMES) delete state[name];
    state.offset = 0;
    window.setTimeout(load, 0);
  });
  for (const header of document.querySelectorAll("th[data-sort]")) {
    header.addEventListener("click", () => {
      const column = header.dataset.sort;
      state.order = state.sort === column && state.order === "asc" ? "desc" : "asc";
      state.sort = column;
      state.offset = 0;
      load();
    });
  }
  document.getElementById("prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    load();
  });
  document.getElementById("next").addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    load();
  });
  load();
}

async function loadEvents(state) {
  const params = {};
  for (const name of [...FILTER_NAMES, "sort", "order"]) params[name] = state[name];
  if (!state.sort) delete params.order;
  const shown = query({...params, offset: state.offset || null});
  window.history.replaceState(null, "", shown ? `?${shown}` : window.location.pathname);
  setStatus("Loading ...");
  try {
    const data = await getJSON(`/v1/events?${query({...params, limit: PAGE_SIZE, offset: state.offset})}`);
    renderEvents(data, state);
  } catch (error) {
    setStatus(`Could not load events: ${error.message}`, true);
  }
}

function renderEvents(data, state) {
  const body = clear(document.querySelector("#events tbody"));
  for (const event of data.events) {
    const link = `/articles/${encodeURIComponent(event.article_id)}#event-${event.event_id}`;
    body.append(el("tr", {"data-event-id": event.event_id},
      el("td", {}, event.date || "-"),
      el("td", {class: `quad${event.quad_class || 0}`}, event.type),
      el("td", {}, event.cameo),
      el("td", {class: "code"}, event.source || "-"),
      el("td", {class: "code"}, event.target || "-"),
      el("td", {class: "num"}, event.confidence === null ? "-" : Number(event.confidence).toFixed(2)),
      el("td", {}, event.outlet || "-"),
      el("td", {class: "sentence"}, el("a", {href: link}, event.sentence || event.title || "open"))));
  }
  for (const header of document.querySelectorAll("th[data-sort]")) {
    const sorted = header.dataset.sort === state.sort;
    header.setAttribute("aria-sort", sorted ? (state.order === "desc" ? "descending" : "ascending") : "none");
  }
  const last = Math.min(data.total, data.offset + data.events.length);
  document.getElementById("page").textContent = data.total ? `${data.offset + 1}-${last} of ${data.total}` : "";
  document.getElementById("prev").disabled = data.offset <= 0;
  document.getElementById("next").disabled = last >= data.total;
  setStatus(data.total ? plural(data.total, "event") : "No events match these filters.");
}

// -- one article: highlighted text, events and why ----------------------------------------------
function articleView() {
  const id = document.body.dataset.articleId;
  loadArticle(id);
}

async function loadArticle(id) {
  setStatus("Loading ...");
  let article;
  try {
    article = await getJSON(`/v1/articles/${encodeURIComponent(id)}`);
  } catch (error) {
    setStatus(`Could not load the article: ${error.message}`, true);
    return;
  }
  document.getElementById("article-title").textContent = article.title || article.id;
  document.getElementById("article-meta").textContent = articleMeta(article);
  const view = renderArticle(document.querySelector(".article-layout"), article);
  const wanted = window.location.hash.replace("#event-", "");
  const index = article.events.findIndex((event) => event.event_id === wanted);
  if (index >= 0) view.select(index, true);
  if (!article.events.length) {
    setStatus(article.skipped ? `Not coded: ${article.skipped}` : "No events were coded in this article.");
    return;
  }
  setStatus("Finding out why each event was coded ...");
  try {
    const explained = await getJSON(`/v1/articles/${encodeURIComponent(id)}?explain=true`);
    view.explain(explained);
    setStatus(plural(article.events.length, "event"));
  } catch (error) {
    setStatus(`Explanations unavailable: ${error.message}`, true);
  }
}

function articleMeta(article) {
  return [article.published, article.outlet, article.url, article.id].filter(Boolean).join(" · ");
}

function renderArticle(root, article) {
  const textBox = clear(root.querySelector(".article-text"));
  const list = clear(root.querySelector(".event-list"));
  const segments = renderText(textBox, article.text || "", article.spans || [], article.blocks || []);
  const items = article.events.map((event, index) => {
    const item = el("li", {id: event.event_id ? `event-${event.event_id}` : null, class: "event",
      tabindex: 0}, eventSummary(event), el("div", {class: "why"}));
    item.addEventListener("click", () => select(index, false));
    item.addEventListener("keydown", (key) => { if (key.key === "Enter") select(index, false); });
    list.append(item);
    return item;
  });
  let selected = -1;
  function select(index, scroll) {
    selected = index;
    const event = article.events[index];
    items.forEach((item, number) => item.classList.toggle("selected", number === index));
    for (const segment of segments) {
      const inside = segment.start >= event.start && segment.end <= event.end;
      segment.node.classList.toggle("in-sentence", inside);
    }
    const first = segments.find((segment) => segment.start >= event.start && segment.end <= event.end);
    if (scroll && first) first.node.scrollIntoView({block: "center"});
  }
  function explain(explained) {
    (explained.explanations || []).forEach((why, index) => {
      if (items[index]) fillWhy(items[index].querySelector(".why"), why);
    });
    renderDropped(root.querySelector(".dropped-list"), explained.dropped || []);
    if (explained.blocks && explained.blocks.length && !(article.blocks || []).length) {
      article.blocks = explained.blocks;
      segments.splice(0, segments.length,
        ...renderText(clear(textBox), article.text || "", article.spans || [], article.blocks));
      if (selected >= 0) select(selected, false);
    }
  }
  if (article.explanations) explain(article);
  return {select, explain};
}

function eventSummary(event) {
  const actors = (side) => (event[side] || []).map((actor) =>
    el("span", {class: `actor ${side}`}, `${actor.code || "?"}`, actor.text ? ` (${actor.text})` : ""));
  const details = [event.date ? `${event.date} (${event.date_precision || "?"})` : "no date",
    `confidence ${Number(event.confidence).toFixed(2)}`, event.certainty,
    event.goldstein === null || event.goldstein === undefined ? null : `Goldstein ${event.goldstein}`,
    event.quad_class ? `QuadClass ${event.quad_class} (${QUAD_NAMES[event.quad_class]})` : null,
    event.size ? `size ${event.size}` : null].filter(Boolean).join(" · ");
  const place = event.location && [event.location.name, event.location.country].filter(Boolean).join(", ");
  return el("div", {class: "summary"},
    el("strong", {class: `quad${event.quad_class || 0}`}, `${event.type} ${event.cameo}`),
    event.mode ? ` ${event.mode}` : "",
    el("div", {class: "dyad"}, actors("source").length ? actors("source") : "-", " → ",
      actors("target").length ? actors("target") : "-"),
    el("div", {class: "trigger-line"}, "trigger: ",
      el("mark", {class: "trigger"}, event.trigger ? event.trigger.text : "?")),
    el("div", {class: "details"}, details),
    place ? el("div", {class: "place"}, `place: ${place}`,
      event.location.how ? ` (from the ${event.location.how.replace("_", " ")})` : "") : null,
    event.attributed_to ? el("div", {class: "details"}, `according to ${event.attributed_to.code} (${event.attributed_to.text})`)
      : null);
}

function fillWhy(box, why) {
  clear(box);
  box.append(el("h3", {}, "Why"));
  if (why.note) box.append(el("p", {class: "note"}, why.note));
  if (why.rules && why.rules.length) {
    box.append(el("div", {class: "rules"}, "rules: ", why.rules.map((rule) => el("code", {}, rule))));
  }
  if (why.trace && why.trace.length) box.append(el("ul", {class: "trace"}, why.trace.map((step) => el("li", {}, step))));
  if (why.actors && why.actors.length && !(why.trace && why.trace.length)) {
    box.append(el("ul", {class: "resolved"}, why.actors.map((actor) => el("li", {},
      `${actor.side} ${actor.text ? `"${actor.text}"` : "(implied)"} → ${actor.code || "?"}`, actor.how ? `: ${actor.how}` : ""))));
  }
}

function renderDropped(list, dropped) {
  clear(list);
  if (!dropped.length) list.append(el("li", {}, "none"));
  for (const candidate of dropped) {
    list.append(el("li", {}, el("mark", {class: "trigger"}, candidate.trigger), ` (${candidate.cameo}), sentence `,
      String(candidate.sentence), `: ${candidate.reason}`, candidate.rule ? el("code", {}, ` ${candidate.rule}`) : ""));
  }
}

function renderText(box, text, spans, blocks) {
  const cuts = new Set([0, text.length]);
  for (const part of [...spans, ...blocks]) {
    if (part.start >= 0 && part.end <= text.length && part.start < part.end) {
      cuts.add(part.start);
      cuts.add(part.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments = [];
  const rank = {trigger: 0, source: 1, target: 2, place: 3};
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i];
    const end = points[i + 1];
    const covering = spans.filter((span) => span.start <= start && span.end >= end)
      .sort((a, b) => rank[a.kind] - rank[b.kind]);
    const debris = blocks.find((block) => block.start <= start && block.end >= end);
    let node;
    if (covering.length) {
      const labels = [...new Set(covering.map((span) => `${span.kind} ${span.label || ""}`.trim()))];
      node = el("mark", {class: covering[0].kind, title: labels.join("; "),
        "data-events": [...new Set(covering.map((span) => span.event))].join(" ")}, text.slice(start, end));
    } else {
      node = el("span", {class: debris ? `debris ${debris.kind}` : null,
        title: debris ? `not coded: ${debris.kind}` : null}, text.slice(start, end));
    }
    box.append(node);
    segments.push({start, end, node});
  }
  return segments;
}

// -- timeline -------------------------------------------------------------------------------------
// A filter form whose submission loads one aggregate of the API and draws it.
function formView(formId, path, what, show) {
  const form = document.getElementById(formId);
  fillForm(form, urlValues());
  const load = async () => {
    const values = formValues(form);
    window.history.replaceState(null, "", `?${query(values)}`);
    setStatus("Loading ...");
    try {
      setStatus(show(await getJSON(`${path}?${query(values)}`), values));
    } catch (error) {
      setStatus(`Could not load the ${what}: ${error.message}`, true);
    }
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
  load();
}

function timelineView() {
  formView("timeline-form", "/v1/timeline", "timeline", (data) => {
    renderTimeline(data.periods);
    return data.periods.length ? "" : "No dated events.";
  });
}

function renderTimeline(rows) {
  const periods = new Map();
  for (const row of rows) {
    if (!periods.has(row.period)) periods.set(row.period, {1: 0, 2: 0, 3: 0, 4: 0});
    periods.get(row.period)[row.quad_class || 0] = row.events;
  }
  const entries = [...periods.entries()];
  const height = 220;
  const barWidth = Math.max(12, Math.min(60, 900 / Math.max(entries.length, 1)));
  const width = Math.max(300, entries.length * (barWidth + 6) + 40);
  const top = Math.max(1, ...entries.map(([, quads]) => quads[1] + quads[2] + quads[3] + quads[4]));
  const chart = svg("svg", {viewBox: `0 0 ${width} ${height + 40}`, width, height: height + 40,
    role: "img", "aria-label": "events per period by QuadClass"});
  entries.forEach(([period, quads], index) => {
    let y = height;
    const x = 30 + index * (barWidth + 6);
    for (const quad of [1, 2, 3, 4]) {
      const size = (quads[quad] / top) * (height - 10);
      if (!size) continue;
      y -= size;
      chart.append(svg("rect", {x, y, width: barWidth, height: size, class: `q${quad}`},
        svg("title", {}, `${period}: ${quads[quad]} ${QUAD_NAMES[quad]}`)));
    }
    chart.append(svg("text", {x: x + barWidth / 2, y: height + 14, "text-anchor": "middle",
      class: "axis"}, period.slice(0, 7)));
  });
  chart.append(svg("text", {x: 2, y: 12, class: "axis"}, String(top)));
  clear(document.getElementById("timeline-chart")).append(chart);
  const body = clear(document.querySelector("#timeline-table tbody"));
  for (const [period, quads] of entries) {
    const total = quads[1] + quads[2] + quads[3] + quads[4];
    body.append(el("tr", {}, el("td", {}, period), [1, 2, 3, 4].map((q) => el("td", {class: "num"}, quads[q])),
      el("td", {class: "num"}, total)));
  }
}

// -- dyads ----------------------------------------------------------------------------------------
function dyadsView() {
  formView("dyad-form", "/v1/dyads", "dyads", (data, values) => {
    renderDyads(data.dyads, values);
    return data.dyads.length ? `${data.dyads.length} dyads` : "No events.";
  });
}

function renderDyads(dyads, values) {
  const body = clear(document.querySelector("#dyads tbody"));
  const top = Math.max(1, ...dyads.map((dyad) => dyad.events));
  for (const dyad of dyads) {
    const filter = {...values};
    if (dyad.source !== "-") filter.source = dyad.source;
    if (dyad.target !== "-") filter.target = dyad.target;
    const bar = svg("svg", {width: 160, height: 12, viewBox: "0 0 160 12", role: "img",
      "aria-label": "events by QuadClass"});
    let x = 0;
    for (const quad of [1, 2, 3, 4]) {
      const size = (dyad[`quad${quad}`] / top) * 160;
      if (size) bar.append(svg("rect", {x, y: 0, width: size, height: 12, class: `q${quad}`},
        svg("title", {}, `${dyad[`quad${quad}`]} ${QUAD_NAMES[quad]}`)));
      x += size;
    }
    body.append(el("tr", {}, el("td", {class: "code"}, dyad.source), el("td", {class: "code"}, dyad.target),
      el("td", {class: "num"}, el("a", {href: `/?${query(filter)}`}, dyad.events)), el("td", {}, bar),
      el("td", {}, dyad.first_date || "-"), el("td", {}, dyad.last_date || "-")));
  }
}

// -- map ------------------------------------------------------------------------------------------
async function mapView() {
  setStatus("Loading ...");
  let places;
  let outline;
  try {
    [places, outline] = await Promise.all([getJSON(`/v1/locations?${query(urlValues())}`),
      getJSON("/static/world-110m.json")]);
  } catch (error) {
    setStatus(`Could not load the map: ${error.message}`, true);
    return;
  }
  const map = svg("svg", {viewBox: `0 0 ${outline.width} ${outline.height}`, class: "world", role: "img",
    "aria-label": "map of event locations"});
  map.append(svg("rect", {x: 0, y: 0, width: outline.width, height: outline.height, class: "sea"}));
  for (const country of outline.countries) {
    map.append(svg("path", {d: country.path, class: "land"}, svg("title", {}, country.name)));
  }
  if (!places.available) {
    clear(document.getElementById("map")).append(map);
    setStatus("No locations yet: this store's events have no places (the location enrichment adds them).");
    return;
  }
  const top = Math.max(1, ...places.places.map((place) => place.events));
  const body = clear(document.querySelector("#places tbody"));
  for (const place of places.places) {
    const quad = [1, 2, 3, 4].reduce((best, q) => (place[`quad${q}`] > place[`quad${best}`] ? q : best), 1);
    map.append(svg("circle", {cx: place.lon + 180, cy: 90 - place.lat, r: 0.8 + 3 * Math.sqrt(place.events / top),
      class: `place q${quad}`}, svg("title", {}, `${place.place_name || "?"}: ${place.events} events`)));
    body.append(el("tr", {}, el("td", {}, place.place_name || "-"), el("td", {}, place.place_country || "-"),
      el("td", {class: "num"}, place.events), el("td", {class: "num"}, place.lat), el("td", {class: "num"}, place.lon)));
  }
  clear(document.getElementById("map")).append(map);
  setStatus(places.places.length ? `${places.places.length} places` : "No events with a place yet.");
}

// -- paste or upload an article -------------------------------------------------------------------
function codeView() {
  const form = document.getElementById("code-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = form.elements.file.files[0];
    const body = file ? await file.text() : form.elements.text.value;
    if (!body.trim()) {
      setStatus("Paste a text or choose a file first.", true);
      return;
    }
    const params = query({store: form.elements.store.checked ? "true" : null,
      published: form.elements.published.value || null});
    setStatus("Coding ... (the first request loads the language model)");
    try {
      const data = await getJSON(`/v1/code?${params}`, {method: "POST",
        headers: {"content-type": mediaType(body, file)}, body});
      renderCoded(data);
      setStatus(data.summary + (data.stored ? `; ${data.stored} stored` : ""));
    } catch (error) {
      setStatus(`Could not code it: ${error.message}`, true);
    }
  });
}

function mediaType(body, file) {
  const name = file ? file.name.toLowerCase() : "";
  if (name.endsWith(".html") || name.endsWith(".htm")) return "text/html";
  if (name.endsWith(".json")) return "application/json";
  if (name) return "text/plain";
  const start = body.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return "application/json";
  if (start.startsWith("<")) return "text/html";
  return "text/plain";
}

function renderCoded(data) {
  const results = clear(document.getElementById("results"));
  for (const failure of data.failures || []) results.append(el("p", {class: "error"}, failure));
  for (const article of data.articles) {
    const section = el("section", {class: "coded"}, el("h2", {}, article.title || article.id),
      el("p", {class: "meta"}, articleMeta(article)));
    if (article.known) {
      section.append(el("p", {}, "Already in the store: ",
        el("a", {href: `/articles/${encodeURIComponent(article.id)}`}, "open the stored article")));
    } else if (article.skipped) {
      section.append(el("p", {}, `Not coded: ${article.skipped}`));
    } else {
      const layout = el("div", {class: "article-layout"},
        el("section", {}, el("div", {class: "article-text"})),
        el("section", {}, el("h3", {}, plural(article.events.length, "event")), el("ol", {class: "event-list"}),
          el("h3", {}, "Candidates not coded"), el("ul", {class: "dropped-list"})));
      section.append(layout);
      renderArticle(layout, article);
    }
    results.append(section);
  }
}

const VIEWS = {events: eventsView, article: articleView, timeline: timelineView, dyads: dyadsView,
  map: mapView, code: codeView};

document.addEventListener("DOMContentLoaded", () => {
  const view = VIEWS[document.body.dataset.view];
  if (view) view();
});
