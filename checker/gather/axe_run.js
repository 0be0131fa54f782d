// Runs axe-core (already loaded in our world by gather/axe.py) on the document shown, with
// only the rules asked for, and describes each failing or undecided element as every other
// fact does (elements.js), with its box in page coordinates. Frames are left out: our world
// lives in the main frame only.
// Arguments: rules (axe rule ids), cap (elements kept per rule and group), stylesheets (the
// text of each style sheet the browser received, by URL: "" for one that failed, null for one
// whose text the browser let go of; a sheet it never asked for never applied either).
({ rules, cap, stylesheets }, helpers) => {
  const { element, box, snippet } = helpers;
  const start = { x: window.scrollX, y: window.scrollY };
  const options = {
    runOnly: { type: "rule", values: rules },
    // Rules axe leaves off by default (css-orientation-lock is experimental) run when asked.
    rules: Object.fromEntries(rules.map((id) => [id, { enabled: true }])),
    resultTypes: ["violations", "incomplete"],
    elementRef: true,
    iframes: false,
    selectors: false,
    ancestry: false,
    xpath: false,
    absolutePaths: false,
    restoreScroll: true,
    // axe loads style sheets (read by css-orientation-lock only) and waits for every video's
    // metadata (for caption rules we do not run) before its rules: on a page whose media never
    // load (blocked, or slow) that wait took up to its 10 s timeout, every run.
    preload: rules.includes("css-orientation-lock") ? { assets: ["cssom"], timeout: 3000 } : false,
  };
  const dataOf = (node) => {
    for (const check of [...node.any, ...node.all, ...node.none]) {
      if (check.data && typeof check.data === "object" && !Array.isArray(check.data)) {
        const kept = {};
        for (const [key, value] of Object.entries(check.data)) {
          if (["string", "number", "boolean"].includes(typeof value)) kept[key] = value;
        }
        return kept;
      }
    }
    return {};
  };
  const describe = (node) => {
    const el = node.element;
    const described = el && el.nodeType === 1
      ? element(el, box(el.getBoundingClientRect()), snippet(el))
      : { selector: "", snippet: (node.html || "").slice(0, 200) };
    return {
      element: described,
      impact: node.impact || null,
      summary: (node.failureSummary || "").slice(0, 600),
      data: dataOf(node),
    };
  };
  // axe fetches style sheets it cannot read (other hosts) with XMLHttpRequest; in our world
  // that request is answered with the text the browser received (fetched again only when the
  // browser let go of it).
  const RealRequest = window.XMLHttpRequest;
  class SheetRequest {
    constructor() { this.listeners = {}; this.real = null; this.responseText = ""; }
    open(method, url) {
      const text = Object.prototype.hasOwnProperty.call(stylesheets, url) ? stylesheets[url] : "";
      if (text === null) { this.real = new RealRequest(); this.real.open(method, url); }
      else this.text = text || "/* this style sheet never loaded: it did not apply */";
    }
    addEventListener(type, listener) {
      if (this.real) this.real.addEventListener(type, listener);
      else (this.listeners[type] = this.listeners[type] || []).push(listener);
    }
    set timeout(ms) { if (this.real) this.real.timeout = ms; }
    get timeout() { return this.real ? this.real.timeout : 0; }
    send() {
      if (this.real) {
        const real = this.real;
        Object.defineProperty(this, "responseText", { get: () => real.responseText });
        real.send();
        return;
      }
      this.responseText = this.text;
      setTimeout(() => {
        for (const listener of this.listeners.loadend || []) {
          listener({ loaded: this.text.length });
        }
      }, 0);
    }
  }
  window.XMLHttpRequest = SheetRequest;
  const restore = () => { window.XMLHttpRequest = RealRequest; };
  return axe.run(document, options).finally(restore).then((results) => {
    const out = {};
    const group = (name, outcome) => {
      for (const rule of results[name] || []) {
        const seen = out[rule.id];
        if (seen && seen.outcome === "violation") continue;
        const nodes = rule.nodes || [];
        const entry = seen || {
          id: rule.id, impact: rule.impact || null, help: rule.help || "",
          help_url: rule.helpUrl || "", tags: rule.tags || [], violations: [],
          incomplete: [], passed: false, truncated: 0,
        };
        if (outcome === "pass") entry.passed = nodes.length > 0;
        else {
          const list = outcome === "violation" ? entry.violations : entry.incomplete;
          for (const node of nodes.slice(0, cap)) list.push(describe(node));
          entry.truncated += Math.max(0, nodes.length - cap);
        }
        if (!seen) entry.outcome = outcome;
        out[rule.id] = entry;
      }
    };
    group("violations", "violation");
    group("incomplete", "incomplete");
    group("passes", "pass");
    group("inapplicable", "inapplicable");
    window.scrollTo(start.x, start.y);
    return { version: axe.version, rules: out, style_sheets: document.styleSheets.length };
  });
}
