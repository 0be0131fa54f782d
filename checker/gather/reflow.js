// Content past the edge of the screen, read with the page laid out as WCAG 1.4.10 asks (320
// CSS px wide, or 256 px tall for text in vertical lines). Judged by content, not boxes: a
// box wider than the screen that holds nothing past the edge makes the page scroll onto empty
// space, which WCAG's Understanding document lets pass, while a long word or a nowrap line
// overflows a box that fits. So every text node (and every form control and picture, which
// have no text) is measured once, and what shows past the edge is named by the outermost
// element that carries it there.
// Arguments: axis ("x", or "y" for vertical writing), max_text_nodes; the helpers of
// elements.js.
({ axis, max_text_nodes }, helpers) => {
  const { SNIPPET, style, openTag, element, box, snippet, visible, capped, truncated } = helpers;
  const root = document.documentElement;
  const body = document.body;
  const X = axis !== "y";
  const edge = X ? root.clientWidth : root.clientHeight;
  const scroller = document.scrollingElement || root;
  const sx = window.scrollX;
  const sy = window.scrollY;
  // Along the axis, in page coordinates: where a rect starts and ends.
  const lo = (r) => (X ? r.left + sx : r.top + sy);
  const hi = (r) => (X ? r.right + sx : r.bottom + sy);
  // And across it.
  const crossLo = (r) => (X ? r.top + sy : r.left + sx);
  const crossHi = (r) => (X ? r.bottom + sy : r.right + sx);
  const overflowOf = (el) => (X ? style(el).overflowX : style(el).overflowY);
  // Sub-pixel layout (a box ending at 321.4 px) and a glyph's overhang are not something
  // anyone scrolls to read.
  const SLACK = 2;
  const past = (a, b) => b > edge + SLACK || a < -SLACK;
  // Overflow other than visible on either axis makes a box clip on both (CSS computes the
  // other to auto); so does paint containment.
  const clips = (s) => s.overflowX !== "visible" || s.overflowY !== "visible" ||
                       /paint|strict|content/.test(s.contain);
  const hides = (el) => !!el && ["hidden", "clip"].includes(overflowOf(el));
  // Overflow on html, or on body when html leaves it visible, is the screen's own: hidden
  // or clip there means nobody can scroll to what is past the edge.
  const clippedBy = hides(root) ? "html" : hides(body) ? "body" : "";
  const writing = (el) => (el ? style(el).writingMode : "");
  const vertical = /^(vertical|sideways)/.test(writing(root)) ||
                   /^(vertical|sideways)/.test(writing(body));
  // In a right-to-left page the page scrolls leftwards and the right side is the one out of
  // reach.
  const rtl = X && style(root).direction === "rtl";

  // What WCAG lets need scrolling in two dimensions ("parts of the content which require
  // two-dimensional layout"), by what a person would call it.
  const EXEMPT = [
    ["table, [role=table]", "data table"],
    ["pre, code, samp, kbd", "code"],
    ["img, picture, [role=img]", "image"],
    ["video, audio", "video"],
    ["canvas, svg", "drawing"],
    ["iframe, embed, object, map", "embedded frame or map"],
    ["math, [role=math]", "math"],
    ["[role=grid], [role=treegrid]", "grid"],
    ["[role=toolbar]", "toolbar"],
    ["[role=application]", "application"],
  ];
  function exemptAs(el) {
    for (const [selector, name] of EXEMPT) {
      if (!el.matches(selector)) continue;
      if (el.localName === "table" && !dataTable(el)) return "";
      return name;
    }
    return "";
  }

  // A table of data, as opposed to one that lays out the page (old sites put the whole page
  // in one): headers or a caption say data; a table holding tables, or of one row or one
  // column, is layout; else rows and columns of cells are data (axe-core's isDataTable
  // reasons the same way, at more length).
  function dataTable(table) {
    const role = (table.getAttribute("role") || "").trim();
    if (role === "presentation" || role === "none") return false;
    if (role || table.querySelector(":scope > caption, :scope > thead, th")) return true;
    if (table.querySelector("table")) return false;
    const rows = table.rows;
    if (rows.length < 2) return false;
    let widest = 0;
    for (let k = 0; k < rows.length && k < 20; k++) widest = Math.max(widest, rows[k].cells.length);
    return widest >= 2;
  }

  // Per element, computed once from its parent's: the outermost exempt element holding it,
  // the outermost element that reaches past the edge, the part of the axis its clipping or
  // scrolling ancestors let show, and whether it is fixed on the screen. Walked without
  // recursion: a hostile page nests ten thousand divs.
  const TOP = { exempt: "", exemptEl: null, outer: null, outerRect: null,
                clipLo: -Infinity, clipHi: Infinity, crossLo: -Infinity, crossHi: Infinity,
                fixed: false };
  const infos = new Map();
  function info(start) {
    const chain = [];
    let el = start;
    while (el && el !== root && !infos.has(el)) {
      chain.push(el);
      el = el.parentElement;
    }
    let parent = el && el !== root ? infos.get(el) : TOP;
    for (let k = chain.length - 1; k >= 0; k--) {
      const node = chain[k];
      const s = style(node);
      const rect = node.getBoundingClientRect();
      const own = { ...parent };
      if (!own.exempt) {
        const name = exemptAs(node);
        if (name) { own.exempt = name; own.exemptEl = node; }
      }
      // A fixed element escapes its ancestors' clipping, and the page's scroll.
      if (s.position === "fixed") {
        own.fixed = true;
        own.clipLo = own.crossLo = -Infinity;
        own.clipHi = own.crossHi = Infinity;
      }
      if (!own.outer && rect.width > 0 && rect.height > 0 && past(lo(rect), hi(rect))) {
        own.outer = node;
        own.outerRect = rect;
      }
      // A container that clips or scrolls (a carousel, a table wrapper, a menu folded to no
      // height): what it holds shows only inside its box, both ways. body's overflow is the
      // screen's, read above.
      if (node !== body && clips(s)) {
        own.clipLo = Math.max(own.clipLo, lo(rect));
        own.clipHi = Math.min(own.clipHi, hi(rect));
        own.crossLo = Math.max(own.crossLo, crossLo(rect));
        own.crossHi = Math.min(own.crossHi, crossHi(rect));
      }
      infos.set(node, own);
      parent = own;
    }
    return parent;
  }

  // An element with display: contents has no box (checkVisibility says false), yet its text
  // shows: visibility is judged on the nearest ancestor with a box.
  function shown(el) {
    let boxed = el;
    while (boxed && style(boxed).display === "contents") boxed = boxed.parentElement;
    if (!boxed) return false;
    return visible(boxed, boxed.getBoundingClientRect()) && style(el).visibility === "visible";
  }

  const carriers = new Map();
  let offCanvas = 0;
  // Content of `el` in rect `r` (a text node's, or el's own box).
  function consider(el, r, chars, text) {
    const i = info(el);
    const va = Math.max(lo(r), i.clipLo);
    const vb = Math.min(hi(r), i.clipHi);
    if (vb - va <= 0 || !past(va, vb)) return;
    if (Math.min(crossHi(r), i.crossHi) - Math.max(crossLo(r), i.crossLo) <= 0) return;
    if (!shown(el)) return;
    const carrier = i.exempt ? i.exemptEl : i.outer || el;
    const rect = carrier === i.outer ? i.outerRect : carrier.getBoundingClientRect();
    if (!i.exempt) {
      // Wholly off the screen: a closed menu waiting at the side, a skip link or a label for
      // screen readers moved out of sight, text indented away behind a logo. Put there on
      // purpose, and not what people read at this width.
      const outside = (p, q) => p >= edge - SLACK || q <= SLACK;
      if (outside(lo(rect), hi(rect)) || (!i.outer && outside(va, vb))) {
        offCanvas += 1;
        return;
      }
    }
    const beyondEnd = rtl ? va < -SLACK : vb > edge + SLACK;
    let kind = "overflow";
    if (i.exempt) kind = "exempt";
    else if (i.fixed || clippedBy || !beyondEnd) kind = "cut-off";
    let entry = carriers.get(carrier);
    if (!entry) {
      entry = { kind, rect, far: -Infinity, near: Infinity, chars: 0, exempt: i.exempt,
                // Text wider than a box that fits (a long address, a line that will not
                // wrap): named by its words, since its element may hold the whole page.
                text: !i.exempt && !i.outer && text ? text : "" };
      carriers.set(carrier, entry);
    }
    if (kind === "cut-off") entry.kind = entry.kind === "exempt" ? "exempt" : kind;
    if (vb > edge + SLACK) entry.far = Math.max(entry.far, vb);
    if (va < -SLACK) entry.near = Math.min(entry.near, va);
    entry.chars += chars;
  }

  const walker = document.createTreeWalker(body || root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let textNodes = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/\S/.test(node.nodeValue)) continue;
    if (textNodes >= max_text_nodes) {
      truncated.text_nodes = (truncated.text_nodes || 0) + 1;
      continue;
    }
    textNodes += 1;
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) continue;
    const a = lo(r);
    const b = hi(r);
    if (!past(a, b) || !node.parentElement) continue;
    const words = node.nodeValue.replace(/\s+/g, " ").trim();
    consider(node.parentElement, r, words.length, words);
  }
  // What shows without text: form controls and pictures.
  const BOXED = "input:not([type=hidden]), select, textarea, button, img, video, canvas, " +
                "svg, iframe, embed, object";
  for (const el of (body || root).querySelectorAll(BOXED)) {
    if (el.localName === "svg" && el.parentElement && el.parentElement.closest("svg")) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0 || !past(lo(r), hi(r))) continue;
    consider(el, r, 0, "");
  }

  const elements = [];
  for (const [carrier, entry] of carriers) {
    // A carrier wider than the screen makes the page scroll to its own edge, padding and all.
    if (entry.far > edge + SLACK) entry.far = Math.max(entry.far, hi(entry.rect));
    if (entry.near < -SLACK) entry.near = Math.min(entry.near, lo(entry.rect));
    capped(entry.kind, elements, () => ({
      element: entry.text
        ? { ...element(carrier, box(entry.rect), snippet(carrier)),
            snippet: (openTag(carrier) + entry.text).slice(0, SNIPPET),
            label: entry.text.slice(0, 80) }
        : element(carrier, box(entry.rect), snippet(carrier)),
      unbroken: !!entry.text,
      kind: entry.kind,
      tag: carrier.localName,
      reach: Math.round(entry.far > edge + SLACK ? entry.far : entry.near),
      chars: entry.chars,
      exempt_as: entry.exempt,
    }));
  }
  return {
    width: window.innerWidth,
    height: window.innerHeight,
    axis: X ? "x" : "y",
    edge,
    scroll_size: X ? scroller.scrollWidth : scroller.scrollHeight,
    clipped_by: clippedBy,
    elements,
    off_canvas: offCanvas,
    text_nodes: textNodes,
    truncated,
    vertical,
  };
}
