// Collects the rendered page's facts in one pass. Returns plain JSON-able data only.
// Runs in a world of our own (device_page.IsolatedWorld): the page's DOM, but our own
// built-ins, whatever the page replaced in its world.
// Arguments: the names of the events that ask click_listeners.js, in the page's world, for
// the elements it saw get a click listener; the helpers of elements.js.
// Boxes are in CSS pixels, page coordinates (the page scrolled to the top).
({ bridge }, helpers) => {
  const { SNIPPET, style, selectorOf, openTag, snippet, element, box, visible, capped,
          truncated } = helpers;
  const startScroll = { x: window.scrollX, y: window.scrollY };
  window.scrollTo(0, 0);

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
    return { element: { selector, snippet: openTag(el).slice(0, SNIPPET) }, attrs };
  }

  const titles = [...document.querySelectorAll("title")].filter((t) => !t.closest("svg"));
  const head = {
    title: titles.length ? titles[0].textContent.replace(/\s+/g, " ").trim() : null,
    title_count: titles.length,
    lang: document.documentElement.getAttribute("lang"),
    metas: [...document.querySelectorAll("meta")].map(headTag),
    links: [...document.querySelectorAll("link")].map(headTag),
  };

  // Text: the characters of each element's own text nodes, at that element's font size.
  // Characters are counted as Lighthouse's font-size audit did: trimmed, in code points.
  // Unlike Lighthouse, text nobody can see (visibility: hidden, zero-size, opacity 0) is not
  // counted, and the box is the text's own (so `display: contents` parents keep their text).
  // SVG text is left out: its size is set by the SVG's scaling, not by font-size.
  const textByElement = new Map();
  const walker = document.createTreeWalker(document.body || document.documentElement,
                                           NodeFilter.SHOW_TEXT);
  const skip = new Set(["script", "style", "noscript", "template", "head", "title"]);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chars = Array.from(node.nodeValue.trim()).length;
    if (!chars) continue;
    const parent = node.parentElement;
    if (!parent || skip.has(parent.localName) || parent.closest("svg")) continue;
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0) continue;
    const entry = textByElement.get(parent);
    if (entry) {
      entry.chars += chars;
      entry.left = Math.min(entry.left, rect.left);
      entry.top = Math.min(entry.top, rect.top);
      entry.right = Math.max(entry.right, rect.right);
      entry.bottom = Math.max(entry.bottom, rect.bottom);
    } else {
      textByElement.set(parent, { chars, left: rect.left, top: rect.top, right: rect.right,
                                  bottom: rect.bottom });
    }
  }
  const text_runs = [];
  for (const [el, t] of textByElement) {
    // An element with display: contents has no box of its own (checkVisibility says false)
    // yet its text shows: judge visibility on the nearest ancestor that has a box.
    let boxed = el;
    while (boxed && style(boxed).display === "contents") boxed = boxed.parentElement;
    if (boxed && boxed.checkVisibility &&
        !boxed.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    if (style(el).visibility !== "visible") continue;
    capped("text_runs", text_runs, () => ({
      element: element(el, box({ left: t.left, top: t.top, width: t.right - t.left,
                                 height: t.bottom - t.top }), snippet(el)),
      font_size: parseFloat(style(el).fontSize) || 0,
      chars: t.chars,
    }));
  }

  // Tap targets, gathered as Lighthouse's former tap-targets gatherer did: its selectors,
  // without targets inside another target or inside a block of text (WCAG exempts those),
  // each with its client rects (its own and its children's) that are visible on top of the
  // page at their centre. Fixed and sticky targets drop out, as in Lighthouse, since what they
  // overlap depends on the scroll position. Added here: elements with a click handler
  // (recorded by our init script) or an onclick attribute that hold no other target.
  const TAP = "button,a,input,textarea,select,option,[role=button],[role=checkbox]," +
              "[role=link],[role=menuitem],[role=menuitemcheckbox],[role=menuitemradio]," +
              "[role=option],[role=scrollbar],[role=slider],[role=spinbutton]";
  const clickable = new Set();
  const hear = (event) => clickable.add(event.target);
  window.addEventListener(bridge.reply, hear, true);
  try {
    window.dispatchEvent(new Event(bridge.ask));  // answered at once, by events at each element
  } finally {
    window.removeEventListener(bridge.reply, hear, true);
  }
  const candidates = new Set(document.querySelectorAll(TAP));
  for (const el of document.querySelectorAll("[onclick]")) candidates.add(el);
  if (clickable.size) {
    for (const el of document.querySelectorAll("body *")) if (clickable.has(el)) candidates.add(el);
  }
  // Text lengths and "has text of its own" are kept per element: every link of a parent
  // holding 10,000 would otherwise read the parent's whole text again.
  const textLengths = new Map();
  const textLength = (el) => {
    if (!textLengths.has(el)) textLengths.set(el, (el.textContent || "").length);
    return textLengths.get(el);
  };
  const ownTexts = new Map();
  const hasOwnText = (el) => {
    if (!ownTexts.has(el)) {
      ownTexts.set(el, [...el.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && n.nodeValue.trim()));
    }
    return ownTexts.get(el);
  };
  function inTextBlock(el) {
    while (el) {
      const display = style(el).display;
      if (display !== "inline" && display !== "inline-block") return false;
      const parent = el.parentElement;
      if (!parent) return false;
      if (textLength(parent) - textLength(el) >= 5 && hasOwnText(parent)) return true;
      el = parent;
    }
    return false;
  }
  // Rects and boxes are taken now, with the page at the top, in page coordinates.
  function clientRects(el, out) {
    for (const r of el.getClientRects()) {
      if (r.width > 0 && r.height > 0) out.push(box(r));
    }
    for (const child of el.children) clientRects(child, out);
    return out;
  }
  const kept = [];
  for (const el of candidates) {
    const standard = el.matches(TAP);
    if (!standard && (el === document.body || el.querySelector(TAP))) continue;
    if (el.parentElement && el.parentElement.closest(TAP)) continue;
    if (inTextBlock(el)) continue;
    if (!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) continue;
    const rects = clientRects(el, []);
    if (rects.length) kept.push({ el, rects, standard, bounds: box(el.getBoundingClientRect()) });
  }
  // Hit-test each rect's centre with fixed and sticky elements out of the way, scrolling
  // a screen at a time as Lighthouse did (elementFromPoint only sees the viewport).
  const fixedOrSticky = [];
  for (const el of document.querySelectorAll("body *")) {
    const position = style(el).position;
    if (position === "fixed" || position === "sticky") fixedOrSticky.push(el);
  }
  const saved = fixedOrSticky.map((el) => [el.style.getPropertyValue("pointer-events"),
                                           el.style.getPropertyPriority("pointer-events")]);
  fixedOrSticky.forEach((el) => el.style.setProperty("pointer-events", "none", "important"));
  const viewportHeight = window.innerHeight;
  const tap_targets = [];
  try {
    for (const { el, rects, standard, bounds } of kept) {
      const onTop = rects.filter((r) => {
        const cx = r.x + r.width / 2;
        const cy = r.y + r.height / 2;
        const scrollY = Math.floor(cy / viewportHeight) * viewportHeight;
        if (window.scrollY !== scrollY) window.scrollTo(0, scrollY);
        const hit = document.elementFromPoint(cx - window.scrollX, cy - window.scrollY);
        return hit === el || el.contains(hit);
      });
      if (!onTop.length) continue;
      capped("tap_targets", tap_targets, () => ({
        element: element(el, bounds, snippet(el)),
        tag: el.localName,
        role: el.getAttribute("role"),
        rects: onTop,
        href: typeof el.href === "string" ? el.href : "",
        via: standard ? "element" : "click-handler",
      }));
    }
  } finally {
    fixedOrSticky.forEach((el, i) => {
      if (saved[i][0]) el.style.setProperty("pointer-events", saved[i][0], saved[i][1]);
      else el.style.removeProperty("pointer-events");
    });
    window.scrollTo(0, 0);
  }

  function contentSize(s, axis) {
    const size = parseFloat(s[axis]) || 0;
    if (s.boxSizing !== "border-box") return size;
    const [a, b] = axis === "width" ? ["Left", "Right"] : ["Top", "Bottom"];
    const extra = ["padding", "border"].reduce((sum, kind) => sum +
      (parseFloat(s[`${kind}${a}${kind === "border" ? "Width" : ""}`]) || 0) +
      (parseFloat(s[`${kind}${b}${kind === "border" ? "Width" : ""}`]) || 0), 0);
    return Math.max(0, size - extra);
  }
  const images = [];
  for (const img of document.images) {
    const rect = img.getBoundingClientRect();
    const s = style(img);
    capped("images", images, () => ({
      element: element(img, box(rect), openTag(img).slice(0, SNIPPET)),
      src: img.currentSrc || img.src || "",
      natural_width: img.naturalWidth,
      natural_height: img.naturalHeight,
      loading: img.getAttribute("loading"),
      alt: img.getAttribute("alt"),
      // The drawn content size, without padding, border or transforms (what
      // getBoundingClientRect includes): the size an aspect ratio is judged on.
      content_width: contentSize(s, "width"),
      content_height: contentSize(s, "height"),
      object_fit: s.objectFit,
      image_rendering: s.imageRendering,
      visible: visible(img, rect),
    }));
  }

  function labelOf(el) {
    const texts = [];
    if (el.labels) for (const label of el.labels) texts.push(label.textContent);
    const labelledBy = el.getAttribute("aria-labelledby");
    if (labelledBy) {
      for (const id of labelledBy.split(/\s+/)) {
        const ref = document.getElementById(id);
        if (ref) texts.push(ref.textContent);
      }
    }
    const text = texts.join(" ").replace(/\s+/g, " ").trim();
    return text ? text.slice(0, 120) : null;
  }
  const inputs = [];
  for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    const rect = el.getBoundingClientRect();
    if (!visible(el, rect)) continue;
    capped("inputs", inputs, () => ({
      element: element(el, box(rect), openTag(el).slice(0, SNIPPET)),
      tag: el.localName,
      type: el.localName === "input" ? (el.getAttribute("type") || "text").toLowerCase() : null,
      inputmode: el.getAttribute("inputmode"),
      autocomplete: el.getAttribute("autocomplete"),
      name: el.getAttribute("name"),
      id: el.id || null,
      placeholder: el.getAttribute("placeholder"),
      aria_label: el.getAttribute("aria-label"),
      label: labelOf(el),
      pattern: el.getAttribute("pattern"),
      readonly: !!el.readOnly,
      disabled: !!el.disabled,
      font_size: parseFloat(style(el).fontSize) || 0,
    }));
  }

  // Elements that stay on screen whatever the scroll (fixed, sticky) and open modals:
  // the outermost of each, as they cover the page at the top.
  const overlays = [];
  const modals = document.querySelectorAll("dialog[open], [aria-modal=true]");
  const overlayElements = new Set([...fixedOrSticky, ...modals]);
  // A layer that paints nothing and lets taps through (a toast or portal container spanning
  // the screen) covers nothing itself: what covers the page is what it holds.
  function seeThrough(el) {
    const s = style(el);
    const transparent = /rgba\(.*,\s*0\)$|transparent/.test(s.backgroundColor);
    return transparent && s.backgroundImage === "none" && s.boxShadow === "none" &&
           s.backdropFilter === "none" && parseFloat(s.borderTopWidth) === 0 &&
           parseFloat(s.borderBottomWidth) === 0 && s.pointerEvents === "none";
  }
  function addOverlay(el, position, isModal, depth) {
    const rect = el.getBoundingClientRect();
    if (!visible(el, rect)) return;
    if (!isModal && depth < 3 && seeThrough(el)) {
      for (const child of el.children) addOverlay(child, position, false, depth + 1);
      return;
    }
    capped("overlays", overlays, () => ({
      element: element(el, box(rect), snippet(el)),
      tag: el.localName,
      position,
      modal: isModal,
      z_index: style(el).zIndex,
    }));
  }
  for (const el of overlayElements) {
    let ancestor = el.parentElement;
    let nested = false;
    while (ancestor) {
      if (overlayElements.has(ancestor)) { nested = true; break; }
      ancestor = ancestor.parentElement;
    }
    if (nested) continue;
    const position = style(el).position;
    const isModal = (el.localName === "dialog" && el.matches(":modal")) ||
                    el.getAttribute("aria-modal") === "true";
    addOverlay(el, isModal && position !== "fixed" && position !== "sticky" ? "modal" : position,
               isModal, 0);
  }

  // Plugin content: everything in <object>, <embed> or <applet>, with what identifies it.
  const embeds = [];
  for (const el of document.querySelectorAll("object, embed, applet")) {
    const params = [];
    for (const p of el.querySelectorAll(":scope > param")) {
      params.push({ name: p.getAttribute("name") || "", value: p.getAttribute("value") || "" });
    }
    capped("embeds", embeds, () => ({
      element: element(el, box(el.getBoundingClientRect()), openTag(el).slice(0, SNIPPET)),
      tag: el.localName,
      type: el.getAttribute("type"),
      classid: el.getAttribute("classid"),
      data: el.getAttribute("data"),
      src: el.getAttribute("src"),
      code: el.getAttribute("code"),
      params,
    }));
  }

  // Content wider than the layout viewport: the outermost elements past its right edge.
  // Overflow inside a container that clips or scrolls it (a carousel) does not widen the page.
  const root = document.documentElement;
  const body = document.body;
  const layoutWidth = root.clientWidth;
  const wide_elements = [];
  function findWide(el) {
    for (const child of el.children) {
      if (skip.has(child.localName)) continue;
      const rect = child.getBoundingClientRect();
      const position = style(child).position;
      if (position !== "fixed" && rect.right > layoutWidth + 1 && rect.width > 0 &&
          visible(child, rect)) {
        capped("wide_elements", wide_elements, () => ({
          element: element(child, box(rect), snippet(child)), tag: child.localName,
        }));
        continue;
      }
      const overflowX = style(child).overflowX;
      if (overflowX === "visible" || child.localName === "svg") {
        if (child.localName !== "svg") findWide(child);
      }
    }
  }
  if (body) findWide(body);

  // What holds the first paint: stylesheets in <head> that apply to this screen (media
  // matches, not print, not disabled) and scripts in <head> without async, defer or module.
  const render_blocking = [];
  for (const el of document.head ? document.head.children : []) {
    const tag = el.localName;
    if (tag === "link" && el.relList.contains("stylesheet") && el.href && !el.disabled) {
      const media = (el.getAttribute("media") || "all").trim() || "all";
      if (media.toLowerCase() === "print" || !window.matchMedia(media).matches) continue;
      capped("render_blocking", render_blocking,
             () => ({ url: el.href, tag, element: { selector: selectorOf(el) } }));
    } else if (tag === "script" && el.src && !el.async && !el.defer &&
               (el.getAttribute("type") || "").trim().toLowerCase() !== "module") {
      capped("render_blocking", render_blocking,
             () => ({ url: el.src, tag, element: { selector: selectorOf(el) } }));
    }
  }

  window.scrollTo(startScroll.x, startScroll.y);
  return {
    head,
    viewport_width: window.innerWidth,
    viewport_height: window.innerHeight,
    outer_width: window.outerWidth,
    layout_width: layoutWidth,
    // The element that scrolls the page (html, or body in quirks mode): a body that clips
    // its overflow is a scroll container of its own, not a wider page.
    scroll_width: (document.scrollingElement || root).scrollWidth,
    scroll_height: (document.scrollingElement || root).scrollHeight,
    text_runs,
    tap_targets,
    images,
    inputs,
    overlays,
    embeds,
    wide_elements,
    render_blocking,
    truncated,
  };
}
