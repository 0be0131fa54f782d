// Whether the page's text still fits once people change it: `change` is "text-spacing"
// (WCAG 1.4.12's spacing, as the WCAG bookmarklet applies it) or "zoom-text" (every font size
// doubled, as Android's text scaling at 200% does). The change, every measure and the restore
// run in one synchronous task, so no page script, animation frame or paint sees the page
// changed; what the page sees is its style attributes touched and put back.
// Arguments: change, caps (clipped, important_spacing), max_elements (elements scanned),
// max_candidates (boxes measured text by text), max_text_nodes (per box), min_hidden_px and
// min_hidden_em (text past a box's edge that counts as cut off).
(arg, helpers) => {
  const started = performance.now();
  const { element, box, snippet, capped, truncated } = helpers;
  const SKIP = new Set(["script", "style", "noscript", "template", "head", "title", "meta",
    "link", "br", "wbr", "img", "video", "audio", "canvas", "iframe", "object", "embed",
    "svg", "math", "picture", "source", "track", "input", "textarea", "select", "option"]);
  // Icon fonts draw pictures with letters (ligatures or private-use code points): spacing
  // breaks their ligatures, which is no text of anyone's cut off.
  const ICON_FONT = /icon|awesome|glyph|material symbols|symbol|fontello|icomoon|dashicons|ionic|feather|remix|bootstrap-icons/i;
  const PRIVATE_USE = /[\uE000-\uF8FF]/;
  const READABLE = /[\p{L}\p{N}]/u;
  const OWNS = ["hidden", "clip"];

  const elements = [];
  const root = document.body || document.documentElement;
  for (const el of root.getElementsByTagName("*")) {
    if (elements.length >= arg.max_elements) {
      truncated.elements = (truncated.elements || arg.max_elements) + 1;
      continue;
    }
    if (el.namespaceURI === "http://www.w3.org/1999/xhtml" && !SKIP.has(el.localName)) {
      elements.push(el);
    }
  }

  const important = arg.change === "text-spacing" ? importantSpacing() : [];

  // How far each box's content reached past its edges as the page was loaded, and where
  // the box was: read now, in the layout the page already has, so the check costs the page
  // one layout with the change, and not one more to measure it as loaded again.
  const overflowBefore = new Map();
  // What each element's text is to a reader, with the change.
  const seen = new Map();
  const srOnly = new Map();
  const clipAreas = new Map();
  for (const el of elements) {
    const s = getComputedStyle(el);
    if (s.display === "none" || s.display === "contents" || s.display === "inline") continue;
    overflowBefore.set(el, { x: el.scrollWidth - el.clientWidth,
                             y: el.scrollHeight - el.clientHeight,
                             rect: el.getBoundingClientRect() });
  }

  const undo = arg.change === "text-spacing" ? widenSpacing() : enlargeText();
  let after;
  let candidates = [];
  let grown = 0;
  try {
    const byElement = new Map();
    for (const [el, was] of overflowBefore) {
      const grew = { x: el.scrollWidth - el.clientWidth - was.x,
                     y: el.scrollHeight - el.clientHeight - was.y };
      if (grew.x <= 1 && grew.y <= 1) continue;
      const s = getComputedStyle(el);
      const axes = {};
      for (const axis of ["x", "y"]) {
        const overflow = axis === "y" ? s.overflowY : s.overflowX;
        // What scrolls can still be read; what the box shows can still be seen.
        if (grew[axis] > 1 && !scrolls(overflow)) {
          axes[axis] = { grew: grew[axis], clips: OWNS.includes(overflow) };
        }
      }
      if (Object.keys(axes).length) {
        const rect = el.getBoundingClientRect();
        byElement.set(el, { el, axes, area: rect.width * rect.height });
      }
    }
    // A box that shows its overflow shows its children's too: past a child that grew as
    // much, its own growth is the child's, and the child is where the text is.
    for (const c of byElement.values()) {
      for (const [axis, own] of Object.entries(c.axes)) {
        for (let a = c.el.parentElement; a; a = a.parentElement) {
          const outer = byElement.get(a);
          const theirs = outer && outer.axes[axis];
          if (theirs && !theirs.clips && theirs.grew <= own.grew + 1) theirs.inherited = true;
        }
      }
    }
    for (const c of byElement.values()) {
      for (const axis of Object.keys(c.axes)) if (c.axes[axis].inherited) delete c.axes[axis];
      c.clips = Object.values(c.axes).some((a) => a.clips);
      if (Object.keys(c.axes).length) candidates.push(c);
    }
    // Boxes that hide their overflow first, small before large (a button before a page's
    // wrapper): past the cap, the rest are counted, not measured.
    candidates.sort((a, b) => (b.clips - a.clips) || (a.area - b.area));
    grown = candidates.length;
    if (grown > arg.max_candidates) {
      truncated.candidates = grown;
      candidates = candidates.slice(0, arg.max_candidates);
    }
    after = candidates.map((c) => measure(c));
  } finally {
    undo();
  }
  const found = [];
  const pageWidth = document.documentElement.clientWidth;
  candidates.forEach((c, i) => {
    const was = overflowBefore.get(c.el);
    const rect = was.rect;
    // A box nobody saw as loaded (off the page, folded away) is no one's loss.
    if (rect.width <= 2 || rect.height <= 2 || rect.right + scrollX <= 0 ||
        rect.left + scrollX >= pageWidth || rect.bottom + scrollY <= 0) return;
    for (const axis of Object.keys(c.axes)) {
      const now = after[i] && after[i][axis];
      if (!now) continue;
      // Content already past the edge as loaded is cut on purpose (line clamps, "..."), or
      // a layout this check cannot judge: only what the change pushed out counts.
      if (was[axis] > arg.min_hidden_px) continue;
      const threshold = Math.max(arg.min_hidden_px, arg.min_hidden_em * now.fontSize);
      if (now.hidden < threshold) continue;
      if (now.kind === "overlaps" && !now.over) continue;
      // Where the box is as loaded, which the screenshots show.
      found.push({ el: c.el, axis, now, wasHidden: Math.max(0, was[axis]), rect: box(rect) });
    }
  });
  // One finding per place: a box inside another that also lost text says where it happens,
  // and a box that lost text on both sides is told by the side it lost most on.
  const worse = (g, f) => g.now.hidden > f.now.hidden ||
    (g.now.hidden === f.now.hidden && g.axis === "y");
  const kept = found.filter((f) => !found.some((g) =>
    g !== f && (g.el === f.el ? worse(g, f) : f.el.contains(g.el))));
  const clipped = [];
  for (const f of kept) {
    capped("clipped", clipped, () => ({
      element: element(f.el, f.rect, snippet(f.el)),
      kind: f.now.kind,
      axis: f.axis === "y" ? "vertical" : "horizontal",
      hidden_px: Math.round(f.now.hidden),
      hidden_before_px: Math.round(Math.max(0, f.wasHidden)),
      font_size: f.now.fontSize,
      text: element(f.now.text, box(f.now.text.getBoundingClientRect()), snippet(f.now.text)),
      overlapped: f.now.over
        ? element(f.now.over, box(f.now.over.getBoundingClientRect()), snippet(f.now.over))
        : null,
    }));
  }
  return {
    change: arg.change,
    elements: elements.length,
    boxes_grown: grown,
    clipped,
    important_spacing: important,
    truncated,
    elapsed_ms: Math.round((performance.now() - started) * 10) / 10,
  };

  function scrolls(overflow) {
    return overflow === "auto" || overflow === "scroll";
  }

  // WCAG's text spacing in a sheet of our own. In a cascade layer: an author's !important in
  // an unlayered sheet then loses to ours whatever its selector, as it would to a reader's
  // own (user) style sheet; an !important in a style attribute still wins, which is what
  // the ACT rules below check. Adopted, not a <style> element, so a page's
  // Content-Security-Policy cannot refuse it.
  function widenSpacing() {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      "@layer readiness-text-spacing { * { line-height: 1.5 !important; " +
      "letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } " +
      "p { margin-bottom: 2em !important; } }");
    const adopted = document.adoptedStyleSheets;
    document.adoptedStyleSheets = [...adopted, sheet];
    return () => {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets].filter((s) => s !== sheet);
    };
  }

  // Every font size doubled, in the style attribute with !important so no rule of the page
  // wins; sizes read before any is written (one layout, not one each). Lengths in em and
  // rem grow with the text, as with a phone's text-size setting; line heights in px are
  // doubled too, as Chromium's text scaling does, or lines would run over each other on
  // every page that sets them so.
  function enlargeText() {
    const all = [document.documentElement, ...(document.body ? [document.body] : []),
                 ...elements];
    const sizes = all.map((el) => {
      const s = getComputedStyle(el);
      return [parseFloat(s.fontSize), s.lineHeight === "normal" ? 0 : parseFloat(s.lineHeight)];
    });
    // The attribute as the page wrote it: set back as text, it reads the same to the page
    // (put back property by property, it would come back reserialised).
    const saved = all.map((el) => el.getAttribute("style"));
    all.forEach((el, i) => {
      const [font, line] = sizes[i];
      if (font > 0) el.style.setProperty("font-size", `${font * 2}px`, "important");
      if (line > 0) el.style.setProperty("line-height", `${line * 2}px`, "important");
    });
    return () => {
      all.forEach((el, i) => {
        // Read first: Chromium writes a changed inline style to the attribute lazily, and
        // would write it back as style="" after a removal that came before.
        const now = el.getAttribute("style");
        if (saved[i] === null) el.removeAttribute("style");
        else if (now !== saved[i]) el.setAttribute("style", saved[i]);
      });
    };
  }

  // The text of a box past its padding box's edges, per axis: how far (px), how big the
  // text, which element's text. Only text beside the box counts (a carousel's slides off to
  // the right are not "below" it). For a box that lets its content spill (overflow
  // visible), the spilled text counts only where it runs over text that follows the box.
  function measure(candidate) {
    const el = candidate.el;
    const rect = el.getBoundingClientRect();
    if (!shown(el, rect)) return null;
    const s = getComputedStyle(el);
    const edge = {
      top: rect.top + el.clientTop, left: rect.left + el.clientLeft,
      bottom: rect.top + el.clientTop + el.clientHeight,
      right: rect.left + el.clientLeft + el.clientWidth,
    };
    const result = {};
    const texts = textRects(el);
    for (const axis of Object.keys(candidate.axes)) {
      const overflow = axis === "y" ? s.overflowY : s.overflowX;
      const clips = OWNS.includes(overflow);
      if (exempt(el, s, axis, rect)) continue;
      // Past either edge: a button centres its label, so what grows spills both ways.
      const past = [0, 0];
      let text = null, fontSize = 0, furthest = 0;
      const spilled = [];
      for (const t of texts) {
        const r = t.rect;
        const beside = axis === "y"
          ? Math.min(r.right, edge.right) - Math.max(r.left, edge.left) >= 1
          : Math.min(r.bottom, edge.bottom) - Math.max(r.top, edge.top) >= 1;
        if (!beside) continue;
        const ends = axis === "y"
          ? [edge.top - r.top, r.bottom - edge.bottom]
          : [edge.left - r.left, r.right - edge.right];
        if (ends[0] <= 0 && ends[1] <= 0) continue;
        // Only the part of the line past the edge can run over what follows the box.
        if (axis === "y") {
          if (ends[0] > 0) spilled.push(part(r.left, r.top, r.right, edge.top));
          if (ends[1] > 0) spilled.push(part(r.left, edge.bottom, r.right, r.bottom));
        } else {
          if (ends[0] > 0) spilled.push(part(r.left, r.top, edge.left, r.bottom));
          if (ends[1] > 0) spilled.push(part(edge.right, r.top, r.right, r.bottom));
        }
        past[0] = Math.max(past[0], ends[0]);
        past[1] = Math.max(past[1], ends[1]);
        if (Math.max(...ends) > furthest) {
          furthest = Math.max(...ends);
          text = t.parent;
          fontSize = t.fontSize;
        }
      }
      if (!text) continue;
      const hidden = past[0] + past[1];
      const entry = { kind: clips ? "clipped" : "overlaps", hidden, text, fontSize, over: null };
      if (!clips) {
        // What an ancestor hides of the spill shows over nothing.
        const seenSpill = spilled.map((r) => within(r, el.parentElement)).filter(Boolean);
        entry.over = overlapped(el, seenSpill);
      }
      result[axis] = entry;
    }
    return result;
  }

  // ACT 59br37's exceptions, taken for both changes: a one-line box that ends its text with
  // "..." (white-space nowrap, text-overflow not clip) cuts it on purpose; so does a box no
  // taller than its line (its line-height at least its height): it was made for one line.
  function exempt(el, s, axis, rect) {
    if (axis === "x") {
      return /nowrap|pre$/.test(s.whiteSpace) && s.textOverflow !== "clip" &&
             s.textOverflow !== "";
    }
    const lineHeight = parseFloat(s.lineHeight);
    const tall = s.overflowY === "clip" ? el.clientHeight : rect.height;
    return lineHeight > 0 && lineHeight >= tall;
  }

  // Whether a box is on the page for people to see: laid out, not hidden, inside the page's
  // width (an off-canvas menu waits past its edge), and not already cut away whole by an
  // ancestor that hides its overflow (a closed accordion, a slide out of view).
  function shown(el, rect) {
    if (rect.width <= 2 || rect.height <= 2) return false;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const pageWidth = document.documentElement.clientWidth;
    if (rect.right + scrollX <= 0 || rect.left + scrollX >= pageWidth) return false;
    if (rect.bottom + scrollY <= 0) return false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === "visible" && s.overflowY === "visible") continue;
      const r = a.getBoundingClientRect();
      if (Math.min(r.right, rect.right) - Math.max(r.left, rect.left) < 1 ||
          Math.min(r.bottom, rect.bottom) - Math.max(r.top, rect.top) < 1) return false;
    }
    return true;
  }

  // The readable text under a box, as line boxes: text nobody sees (hidden, transparent, in
  // a screen-reader-only 1 px box) and icon glyphs left out.
  function textRects(container) {
    const out = [];
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let count = 0;
    for (let node = walker.nextNode(); node && count < arg.max_text_nodes;
         node = walker.nextNode()) {
      if (!READABLE.test(node.data) || PRIVATE_USE.test(node.data)) continue;
      const parent = node.parentElement;
      const size = parent ? readable(parent) : 0;
      if (!size) continue;
      count++;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && r.height > 0) out.push({ rect: r, parent, fontSize: size });
      }
    }
    return out;
  }

  // The font size of an element's text when people can read it there, else 0.
  function readable(el) {
    let size = seen.get(el);
    if (size !== undefined) return size;
    size = 0;
    if (!SKIP.has(el.localName) &&
        el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      const s = getComputedStyle(el);
      const own = parseFloat(s.fontSize);
      // The first family only: font stacks end in "Segoe UI Symbol" and emoji fonts.
      const icon = ICON_FONT.test(s.fontFamily.split(",")[0]) ||
        (el.getAttribute("aria-hidden") === "true" && el.textContent.trim().length <= 2);
      if (own > 0 && !icon && !screenReaderOnly(el)) size = own;
    }
    seen.set(el, size);
    return size;
  }

  // Text for screen readers only, inside a box of a pixel or two that hides its overflow,
  // or clipped away whole with clip or clip-path: it is never meant to be seen.
  function screenReaderOnly(el) {
    let hidden = srOnly.get(el);
    if (hidden !== undefined) return hidden;
    const s = getComputedStyle(el);
    hidden = (s.clip !== "auto" && s.clip !== "" && /absolute|fixed/.test(s.position)) ||
      /inset\((50|100)%/.test(s.clipPath) ||
      ((el.clientWidth <= 2 || el.clientHeight <= 2) && s.overflowX !== "visible" &&
       s.display !== "inline");
    const parent = el.parentElement;
    if (!hidden && parent && parent !== document.body) hidden = screenReaderOnly(parent);
    srOnly.set(el, hidden);
    return hidden;
  }

  // The first element with text that follows a box in its flow (its next siblings, then its
  // ancestors'), whose text the box's spilled lines run over.
  function overlapped(el, spilled) {
    if (!spilled.length) return null;
    let node = el;
    for (let depth = 0; depth < 4 && node && node !== document.body; depth++) {
      let sibling = node.nextElementSibling;
      for (let n = 0; sibling && n < 4; n++, sibling = sibling.nextElementSibling) {
        for (const t of textRects(sibling)) {
          if (!spilled.some((r) => intersects(r, t.rect))) continue;
          // Text an ancestor hides (a widget's second row) is not there to be run over.
          const shownPart = within(t.rect, t.parent);
          if (shownPart && spilled.some((r) => intersects(r, shownPart))) return t.parent;
        }
      }
      node = node.parentElement;
    }
    return null;
  }

  // The part of a rect (viewport coordinates) that `el` and its ancestors leave to be seen:
  // each box that hides its overflow cuts it to its padding box. Null when nothing is left.
  function within(rect, el) {
    const area = clipArea(el);
    const cut = part(Math.max(rect.left, area.left), Math.max(rect.top, area.top),
                     Math.min(rect.right, area.right), Math.min(rect.bottom, area.bottom));
    return cut.right - cut.left > 0 && cut.bottom - cut.top > 0 ? cut : null;
  }

  function clipArea(el) {
    const all = part(-Infinity, -Infinity, Infinity, Infinity);
    if (!el || el === document.body || el === document.documentElement) return all;
    let area = clipAreas.get(el);
    if (area) return area;
    const s = getComputedStyle(el);
    // A fixed box is cut by the screen only, not by the boxes it sits in.
    area = s.position === "fixed" ? all : clipArea(el.parentElement);
    if (s.overflowX !== "visible" || s.overflowY !== "visible") {
      const r = el.getBoundingClientRect();
      const left = r.left + el.clientLeft, top = r.top + el.clientTop;
      area = part(
        s.overflowX !== "visible" ? Math.max(area.left, left) : area.left,
        s.overflowY !== "visible" ? Math.max(area.top, top) : area.top,
        s.overflowX !== "visible" ? Math.min(area.right, left + el.clientWidth) : area.right,
        s.overflowY !== "visible" ? Math.min(area.bottom, top + el.clientHeight) : area.bottom);
    }
    clipAreas.set(el, area);
    return area;
  }

  function part(left, top, right, bottom) {
    return { left, top, right, bottom };
  }

  function intersects(a, b) {
    return Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
           Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  }

  // ACT rules 24afc2, 9e45ec and 78fd32: an element with visible text of its own whose
  // style attribute sets letter-spacing, word-spacing or line-height !important below
  // WCAG's spacing (0.12, 0.16, 1.5 times its font size) keeps readers from widening it.
  function importantSpacing() {
    const RULES = [
      { property: "letter-spacing", minimum: 0.12, rule: "24afc2" },
      { property: "word-spacing", minimum: 0.16, rule: "9e45ec" },
      { property: "line-height", minimum: 1.5, rule: "78fd32" },
    ];
    const out = [];
    const range = document.createRange();
    for (const el of document.querySelectorAll("[style]")) {
      if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") continue;
      const declared = RULES.filter((r) =>
        el.style.getPropertyPriority(r.property) === "important" &&
        // These take the parent's value, which is not the element's !important.
        !/^(inherit|unset|revert|revert-layer)$/.test(el.style.getPropertyValue(r.property)));
      if (!declared.length) continue;
      const lines = ownTextLines(el, range);
      if (!lines) continue;
      const s = getComputedStyle(el);
      const fontSize = parseFloat(s.fontSize);
      if (!(fontSize > 0)) continue;
      for (const r of declared) {
        const raw = r.property === "line-height" ? s.lineHeight
          : r.property === "letter-spacing" ? s.letterSpacing : s.wordSpacing;
        // "normal": no added spacing; a normal line height is about 1.2 times the font.
        const value = raw === "normal" ? (r.property === "line-height" ? null : 0)
          : parseFloat(raw);
        // 78fd32 applies only to text that wraps onto more than one line.
        if (r.property === "line-height" && lines < 2) continue;
        const ratio = value === null ? null : value / fontSize;
        if (ratio !== null && ratio >= r.minimum - 0.005) continue;
        const rect = el.getBoundingClientRect();
        capped("important_spacing", out, () => ({
          element: element(el, box(rect), snippet(el)),
          property: r.property,
          rule: r.rule,
          declared: el.style.getPropertyValue(r.property),
          value_px: value,
          font_size: fontSize,
          minimum: r.minimum,
        }));
      }
    }
    return out;
  }

  // How many lines the element's own visible text takes (0 when it has none to see).
  function ownTextLines(el, range) {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return 0;
    const tops = new Set();
    for (const node of el.childNodes) {
      if (node.nodeType !== 3 || !/\S/.test(node.data)) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        // Off the page (top: -999em) is not visible.
        if (r.width <= 0 || r.height <= 0) continue;
        if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) continue;
        tops.add(Math.round(r.top));
      }
    }
    return tops.size;
  }
}
