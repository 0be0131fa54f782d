// What every in-page collector describes elements with: a selector, a box, a snippet and a
// label (checker.model.elements.Element), computed styles read once, and lists capped so a
// hostile page cannot blow up the snapshot. Runs in our own world, as the collectors do.
// Returns the helpers; `caps` maps a list's name to its longest length.
(caps) => {
  const SNIPPET = 200;
  const idCounts = new Map();
  for (const el of document.querySelectorAll("[id]")) {
    idCounts.set(el.id, (idCounts.get(el.id) || 0) + 1);
  }
  const styleCache = new Map();
  const style = (el) => {
    let s = styleCache.get(el);
    if (!s) {
      s = getComputedStyle(el);
      styleCache.set(el, s);
    }
    return s;
  };

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
      const nth = nthOfType(node);
      if (nth) part += `:nth-of-type(${nth})`;
      parts.unshift(part);
      node = node.parentElement;
    }
    return parts.join(" > ");
  }

  // Each parent's children are numbered once: a parent of 10,000 links would otherwise be
  // scanned for each of them (minutes on a hostile page).
  const siblings = new Map();
  function nthOfType(node) {
    const parent = node.parentElement;
    if (!parent) return 0;
    let numbering = siblings.get(parent);
    if (!numbering) {
      numbering = { index: new Map(), count: new Map() };
      for (const child of parent.children) {
        const n = (numbering.count.get(child.localName) || 0) + 1;
        numbering.count.set(child.localName, n);
        numbering.index.set(child, n);
      }
      siblings.set(parent, numbering);
    }
    return numbering.count.get(node.localName) > 1 ? numbering.index.get(node) : 0;
  }

  function openTag(el) {
    const attrs = [...el.attributes]
      .map((a) => `${a.name}="${a.value.slice(0, 100).replace(/"/g, "&quot;")}"`)
      .join(" ");
    return `<${el.localName}${attrs ? " " + attrs : ""}>`;
  }

  // The start of an element's text, read once per element: its snippet and its label both
  // show it, and a container's textContent is all the text below it.
  const shortTexts = new Map();
  function shortText(el) {
    let text = shortTexts.get(el);
    if (text === undefined) {
      text = (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 80);
      shortTexts.set(el, text);
    }
    return text;
  }

  function snippet(el) {
    return (openTag(el) + shortText(el)).slice(0, SNIPPET);
  }

  // What a person knows an element by: its accessible name where the page gives one, else
  // its text, short.
  function nameOf(el) {
    const named = el.getAttribute("aria-label") || el.getAttribute("alt") ||
                  el.getAttribute("title") || el.getAttribute("placeholder") || "";
    return named ? named.replace(/\s+/g, " ").trim().slice(0, 80) : shortText(el);
  }

  // The one description of an element every fact carries (checker.model.snapshot.Element).
  function element(el, bounds, html) {
    return { selector: selectorOf(el), box: bounds, snippet: html, label: nameOf(el) };
  }

  function box(rect) {
    return { x: rect.left + window.scrollX, y: rect.top + window.scrollY,
             width: rect.width, height: rect.height };
  }

  function visible(el, rect) {
    if (rect.width <= 0 || rect.height <= 0) return false;
    if (el.checkVisibility) {
      return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    }
    const s = style(el);
    return s.visibility !== "hidden" && s.opacity !== "0";
  }

  // make() builds the item only while the list has room: past the cap, only the count grows.
  const truncated = {};
  function capped(name, list, make) {
    if (list.length < caps[name]) list.push(make());
    else truncated[name] = (truncated[name] || caps[name]) + 1;
  }

  return { SNIPPET, style, selectorOf, openTag, shortText, snippet, nameOf, element, box,
           visible, capped, truncated };
}
