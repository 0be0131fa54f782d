// The page upright, then turned to landscape, then upright again (WCAG 1.3.4), read in three
// calls around the turns; what each saw is kept in our world between them. Judged by what
// shows, in any language: which element is on top across the screen, how far each element is
// turned, and how much text is laid out.
// Arguments: phase ("portrait", "landscape", "after"), max_text_nodes, max_elements; the
// helpers of elements.js.
({ phase, max_text_nodes, max_elements }, helpers) => {
  const { style, element, box, snippet, visible, capped, truncated } = helpers;
  const KEY = "__readinessOrientation";
  const root = document.documentElement;
  const body = document.body;

  // Points across the screen where what is on top is read: a wall covers nearly all.
  const COLUMNS = 5;
  const ROWS = 4;
  function onTop() {
    const counts = new Map();
    const w = window.innerWidth;
    const h = window.innerHeight;
    for (let c = 0; c < COLUMNS; c++) {
      for (let r = 0; r < ROWS; r++) {
        let el = document.elementFromPoint(((c + 0.5) / COLUMNS) * w, ((r + 0.5) / ROWS) * h);
        for (; el && el !== body && el !== root; el = el.parentElement) {
          counts.set(el, (counts.get(el) || 0) + 1);
        }
      }
    }
    return counts;
  }
  const POINTS = COLUMNS * ROWS;
  // The share of the screen a rect covers.
  function coverage(rect) {
    const w = Math.min(rect.right, window.innerWidth) - Math.max(rect.left, 0);
    const h = Math.min(rect.bottom, window.innerHeight) - Math.max(rect.top, 0);
    return w > 0 && h > 0 ? (w * h) / (window.innerWidth * window.innerHeight) : 0;
  }

  const SKIP = new Set(["script", "style", "noscript", "template", "title"]);

  // An element with display: contents has no box (checkVisibility says false), yet its
  // text shows: visibility is judged on the nearest ancestor with a box.
  const shownCache = new Map();
  function shown(el) {
    let answer = shownCache.get(el);
    if (answer === undefined) {
      let boxed = el;
      while (boxed && style(boxed).display === "contents") boxed = boxed.parentElement;
      answer = !!boxed && visible(boxed, boxed.getBoundingClientRect()) &&
               style(el).visibility === "visible";
      shownCache.set(el, answer);
    }
    return answer;
  }

  // Characters of text laid out and shown, by the element holding them. Judged on the
  // element, read once for all its text: measuring each text node's own rects costs ten
  // times as much on a long page, and text hidden in a shown element is rare.
  function textShown() {
    const byParent = new Map();
    let chars = 0;
    let read = 0;
    const walker = document.createTreeWalker(body || root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/\S/.test(node.nodeValue)) continue;
      if (read >= max_text_nodes) {
        truncated.text_nodes = (truncated.text_nodes || 0) + 1;
        continue;
      }
      read += 1;
      const parent = node.parentElement;
      if (!parent || SKIP.has(parent.localName) || !shown(parent)) continue;
      const n = node.nodeValue.trim().length;
      chars += n;
      byParent.set(parent, (byParent.get(parent) || 0) + n);
    }
    return { chars, byParent };
  }

  // How far each element is turned on the screen's plane, in degrees clockwise, from its
  // transform's matrix and its rotate property (a turn about another axis is a tilt).
  function turnOf(s) {
    let degrees = 0;
    const t = s.transform;
    if (t && t !== "none") {
      const m = /matrix(?:3d)?\(([^)]+)\)/.exec(t);
      if (m) {
        const v = m[1].split(",").map(parseFloat);
        degrees += (Math.atan2(v[1], v[0]) * 180) / Math.PI;
      }
    }
    const r = s.rotate;
    if (r && r !== "none") {
      const parts = r.trim().split(/\s+/);
      const angle = parts[parts.length - 1];
      const units = { deg: 1, rad: 180 / Math.PI, grad: 0.9, turn: 360 };
      const unit = /[a-z]+$/.exec(angle);
      const value = parseFloat(angle) * (unit ? units[unit[0]] || 0 : 0);
      if (parts.length === 1 || parts[0] === "z") degrees += value;
      else if (parts.length === 4 && !parseFloat(parts[0]) && !parseFloat(parts[1])) {
        degrees += Math.sign(parseFloat(parts[2]) || 1) * value;
      }
    }
    return degrees;
  }
  function turns() {
    const out = new Map();
    const all = document.getElementsByTagName("*");
    const n = Math.min(all.length, max_elements);
    if (all.length > n) truncated.elements = all.length - n;
    for (let k = 0; k < n; k++) {
      const el = all[k];
      const s = style(el);
      if ((s.transform && s.transform !== "none") || (s.rotate && s.rotate !== "none")) {
        const degrees = turnOf(s);
        if (Math.abs(degrees) > 0.5) out.set(el, degrees);
      }
    }
    return out;
  }

  function view(text) {
    const scroller = document.scrollingElement || root;
    // The screen's size (what the phone shows), not innerWidth: a page wider than its
    // layout is zoomed out, and innerWidth grows with it.
    return { width: screen.width, height: screen.height, text_chars: text.chars,
             scroll_height: scroller.scrollHeight };
  }

  if (phase === "portrait") {
    const text = textShown();
    globalThis[KEY] = { onTop: onTop(), turns: turns(), text, view: view(text) };
    return { view: globalThis[KEY].view };
  }

  const upright = globalThis[KEY];
  if (!upright) throw new Error("the upright page was not read before turning it");

  if (phase === "after") {
    // Back upright: does each element that covered the landscape screen cover this one too?
    const counts = onTop();
    const answers = (upright.covering || []).map((el) =>
      el.isConnected && shown(el) && (counts.get(el) || 0) / POINTS >= 0.75 &&
      coverage(el.getBoundingClientRect()) >= 0.75);
    // Where the hidden content shows upright, as the screenshots (taken upright) show it.
    const boxes = (upright.hidden || []).map((el) =>
      el.isConnected && shown(el) ? box(el.getBoundingClientRect()) : null);
    delete globalThis[KEY];
    return { upright_after: answers, hidden_boxes: boxes };
  }

  // Landscape.
  const text = textShown();
  const scroller = document.scrollingElement || root;

  // (a) A new element on top across most of the screen: only its outermost, and none that
  // was on top anywhere upright.
  const counts = onTop();
  const covering = [];
  const coveringEls = [];
  const candidates = [];
  for (const [el, count] of counts) {
    if (count / POINTS < 0.75 || upright.onTop.has(el)) continue;
    const rect = el.getBoundingClientRect();
    if (coverage(rect) >= 0.75 && shown(el)) candidates.push([el, count, rect]);
  }
  const candidateSet = new Set(candidates.map(([el]) => el));
  for (const [el, count, rect] of candidates) {
    let inner = false;
    let fixed = false;
    for (let a = el; a && a !== root; a = a.parentElement) {
      if (a !== el && candidateSet.has(a)) inner = true;
      if (style(a).position === "fixed") fixed = true;
    }
    if (inner) continue;
    coveringEls.push(el);
    covering.push({
      element: element(el, box(rect), snippet(el)),
      coverage: Math.round(coverage(rect) * 100) / 100,
      on_top: Math.round((count / POINTS) * 100) / 100,
      fixed,
      below_px: Math.max(0, Math.round(scroller.scrollHeight - (rect.bottom + window.scrollY))),
      upright_after: false,
    });
  }
  upright.covering = coveringEls;

  // (b) Turned a quarter turn against the phone (ACT b33eff): the outermost visible element
  // whose turn differs by 90 degrees between the two orientations.
  const landscapeTurns = turns();
  const quarter = (d) => {
    const r = (((d % 360) + 360) % 360);
    return Math.abs(r - 90) < 3 || Math.abs(r - 270) < 3;
  };
  const turned = new Map();
  for (const el of new Set([...landscapeTurns.keys(), ...upright.turns.keys()])) {
    if (!el.isConnected) continue;
    const p = upright.turns.get(el) || 0;
    const l = landscapeTurns.get(el) || 0;
    if (quarter(l - p) && shown(el)) turned.set(el, [p, l]);
  }
  const rotated = [];
  for (const [el, [p, l]] of turned) {
    let inner = false;
    for (let a = el.parentElement; a; a = a.parentElement) if (turned.has(a)) inner = true;
    if (inner) continue;
    capped("rotated", rotated, () => ({
      element: element(el, box(el.getBoundingClientRect()), snippet(el)),
      portrait_angle: Math.round(p * 10) / 10,
      landscape_angle: Math.round(l * 10) / 10,
    }));
  }

  // (c) Text shown upright and hidden now, named by the outermost element hidden.
  const hiddenBy = new Map();
  const carrierOf = new Map();
  for (const [parent, chars] of upright.text.byParent) {
    if (!parent.isConnected || shown(parent)) continue;
    let carrier = carrierOf.get(parent);
    if (carrier === undefined) {
      carrier = parent;
      for (let a = parent.parentElement; a && a !== body && a !== root; a = a.parentElement) {
        if (shown(a)) break;
        carrier = a;
      }
      carrierOf.set(parent, carrier);
    }
    hiddenBy.set(carrier, (hiddenBy.get(carrier) || 0) + chars);
  }
  const hidden = [];
  upright.hidden = [];
  for (const [el, chars] of [...hiddenBy].sort((a, b) => b[1] - a[1])) {
    capped("hidden", hidden, () => {
      upright.hidden.push(el);
      return { element: element(el, null, snippet(el)), chars };
    });
  }

  return {
    portrait: upright.view,
    landscape: view(text),
    covering,
    rotated,
    hidden,
    truncated,
  };
}
