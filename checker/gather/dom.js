// Collects the rendered page's facts in one pass. Returns plain JSON-able data only.
// Argument: caps on list lengths, so a hostile page cannot blow up the snapshot.
(caps) => {
  const SNIPPET = 200;
  const idCounts = new Map();
  for (const el of document.querySelectorAll("[id]")) {
    idCounts.set(el.id, (idCounts.get(el.id) || 0) + 1);
  }
  const sx = window.scrollX, sy = window.scrollY;

  function selectorOf(el) {
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && parts.length < 5) {
      if (node.id && idCounts.get(node.id) === 1) {
        parts.unshift("#" + CSS.escape(node.id));
        break;
      }
      let part = node.localName;
      if (node === document.body || node === document.documentElement) {
        parts.unshift(part);
        break;
      }
      part += [...node.classList].slice(0, 2).map((c) => "." + CSS.escape(c)).join("");
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === node.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
      node = parent;
    }
    return parts.join(" > ");
  }

  function openTag(el) {
    const attrs = [...el.attributes]
      .map((a) => `${a.name}="${a.value.replace(/"/g, "&quot;")}"`)
      .join(" ");
    return `<${el.localName}${attrs ? " " + attrs : ""}>`;
  }

  function snippet(el) {
    const text = (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 80);
    return (openTag(el) + text).slice(0, SNIPPET);
  }

  function attrsOf(el) {
    const out = {};
    for (const a of el.attributes) out[a.name.toLowerCase()] = a.value;
    return out;
  }

  function headTag(el) {
    const attrs = attrsOf(el);
    let selector = el.localName;
    for (const key of ["name", "property", "rel", "http-equiv", "itemprop", "charset"]) {
      if (key in attrs) {
        selector = `${el.localName}[${key}="${attrs[key].replace(/"/g, '\\"')}"]`;
        break;
      }
    }
    return { selector, attrs, snippet: openTag(el).slice(0, SNIPPET) };
  }

  function box(rect) {
    return { x: rect.x + sx, y: rect.y + sy, width: rect.width, height: rect.height };
  }

  function visible(el, rect) {
    if (rect.width <= 0 || rect.height <= 0) return false;
    if (el.checkVisibility) {
      return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    }
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.opacity !== "0";
  }

  const truncated = {};
  function capped(name, list, item) {
    if (list.length < caps[name]) list.push(item);
    else truncated[name] = (truncated[name] || caps[name]) + 1;
  }

  const titles = [...document.querySelectorAll("title")].filter((t) => !t.closest("svg"));
  const head = {
    title: titles.length ? titles[0].textContent.replace(/\s+/g, " ").trim() : null,
    title_count: titles.length,
    lang: document.documentElement.getAttribute("lang"),
    metas: [...document.querySelectorAll("meta")].map(headTag),
    links: [...document.querySelectorAll("link")].map(headTag),
  };

  // Text: the characters directly inside each element, at that element's font size.
  const textByElement = new Map();
  const walker = document.createTreeWalker(document.body || document.documentElement,
                                           NodeFilter.SHOW_TEXT);
  const skip = new Set(["script", "style", "noscript", "template", "svg", "head"]);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chars = node.nodeValue.replace(/\s+/g, "").length;
    if (!chars) continue;
    const parent = node.parentElement;
    if (!parent || skip.has(parent.localName) || parent.closest("svg")) continue;
    textByElement.set(parent, (textByElement.get(parent) || 0) + chars);
  }
  const text_runs = [];
  for (const [el, chars] of textByElement) {
    const rect = el.getBoundingClientRect();
    if (!visible(el, rect)) continue;
    capped("text_runs", text_runs, {
      selector: selectorOf(el),
      font_size: parseFloat(getComputedStyle(el).fontSize) || 0,
      chars,
      box: box(rect),
      snippet: snippet(el),
    });
  }

  const TAP = "a[href], button, input:not([type=hidden]), select, textarea, summary, " +
              "[role=button], [role=link], [role=checkbox], [role=menuitem], [role=tab], " +
              "[onclick]";
  const tap_targets = [];
  for (const el of document.querySelectorAll(TAP)) {
    const rect = el.getBoundingClientRect();
    if (!visible(el, rect)) continue;
    capped("tap_targets", tap_targets, {
      selector: selectorOf(el),
      tag: el.localName,
      role: el.getAttribute("role"),
      box: box(rect),
      snippet: snippet(el),
    });
  }

  const images = [];
  for (const img of document.images) {
    const rect = img.getBoundingClientRect();
    capped("images", images, {
      selector: selectorOf(img),
      src: img.currentSrc || img.src || "",
      natural_width: img.naturalWidth,
      natural_height: img.naturalHeight,
      box: box(rect),
      loading: img.getAttribute("loading"),
      alt: img.getAttribute("alt"),
    });
  }

  const inputs = [];
  for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    const rect = el.getBoundingClientRect();
    if (!visible(el, rect)) continue;
    capped("inputs", inputs, {
      selector: selectorOf(el),
      tag: el.localName,
      type: el.localName === "input" ? (el.getAttribute("type") || "text").toLowerCase() : null,
      inputmode: el.getAttribute("inputmode"),
      autocomplete: el.getAttribute("autocomplete"),
      name: el.getAttribute("name"),
      font_size: parseFloat(getComputedStyle(el).fontSize) || 0,
      box: box(rect),
    });
  }

  const root = document.documentElement;
  const body = document.body;
  return {
    head,
    viewport_width: window.innerWidth,
    viewport_height: window.innerHeight,
    scroll_width: Math.max(root.scrollWidth, body ? body.scrollWidth : 0),
    scroll_height: Math.max(root.scrollHeight, body ? body.scrollHeight : 0),
    text_runs,
    tap_targets,
    images,
    inputs,
    truncated,
  };
}
