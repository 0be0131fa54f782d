// Finds the accept button of a cookie banner in this frame's document and its open shadow
// roots, and marks it with an attribute: the caller then clicks the marked element with a real
// (Playwright) click, so what is clicked is exactly what was judged here.
// Argument: {
//   managers:          [{name, selectors}], consent managers' own accept buttons, in order;
//   allWords/oneWords: normalised wordings of "accept all" and of plain "accept";
//   containerPattern:  id/class/aria-label words of a consent container (regex source);
//   cookiePattern:     words of a dialog's text that make it a cookie banner (regex source);
//   wholeDocument:     this frame is a consent manager's own: all of it counts as the banner;
//   frameManager:      the name a wording match reports ("generic" or that manager's);
//   mark:              the attribute that marks the button to click.
// }
// Returns {rank, manager, selector, text} or null. rank 0: a manager's own button; 1: an
// "accept all" wording; 2: a plain "accept" wording.
(args) => {
  // Every button and link is a candidate (a banner is often the last thing in <body>, so a
  // cap on their number would miss it); only short text is read, which keeps this to
  // ~10-20 ms on a 10,000-element page. Longer text (markup whitespace included) is no label.
  const MAX_LABEL_SOURCE = 300;
  // Enough of a container's text to mention cookies, without reading a whole page.
  const MAX_CONTAINER_TEXT = 5000;
  const containerWords = new RegExp(args.containerPattern, "i");
  const cookieWords = new RegExp(args.cookiePattern, "i");

  function openShadowRoots(root, out) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.shadowRoot) {
        out.push(node.shadowRoot);
        openShadowRoots(node.shadowRoot, out);
      }
    }
    return out;
  }
  const roots = [document, ...openShadowRoots(document, [])];

  function queryAll(selector) {
    const found = [];
    for (const root of roots) {
      try {
        found.push(...root.querySelectorAll(selector));
      } catch {
        return [];  // a selector this browser cannot parse matches nothing
      }
    }
    return found;
  }

  for (const el of queryAll(`[${args.mark}]`)) el.removeAttribute(args.mark);

  function visible(el) {
    const rect = el.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) return false;
    // Opacity is not checked: banners often fade in, and a fading button is still the one.
    return el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
  }

  function normalise(text) {
    return text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, " ").trim().toLowerCase();
  }

  // textContent, not innerText: innerText lays out each of thousands of links. Text hidden
  // inside a button then counts, which can only make a match fail, never succeed.
  function label(el) {
    const text = el.localName === "input" ? el.value : el.textContent;
    return normalise(text || el.getAttribute("aria-label") || el.getAttribute("title") || "");
  }

  function parentOf(el) {
    if (el.parentElement) return el.parentElement;
    const root = el.getRootNode();
    return root instanceof ShadowRoot ? root.host : null;
  }

  function namedLikeConsent(el) {
    return [el.id, el.getAttribute("class"), el.getAttribute("aria-label")]
      .some((value) => value && containerWords.test(value));
  }

  function dialogLike(el) {
    const role = el.getAttribute("role");
    if (el.localName === "dialog" || role === "dialog" || role === "alertdialog" ||
        el.getAttribute("aria-modal") === "true") return true;
    const position = getComputedStyle(el).position;
    return position === "fixed" || position === "sticky";
  }

  // Inside an element named for consent, or inside a dialog or a fixed or sticky box that
  // talks about cookies. <body> and <html> never count: a page-wide class says nothing.
  function inConsentContainer(el) {
    if (args.wholeDocument) return true;
    for (let node = parentOf(el); node; node = parentOf(node)) {
      if (node === document.body || node === document.documentElement) return false;
      if (namedLikeConsent(node)) return true;
      if (dialogLike(node) &&
          cookieWords.test((node.textContent || "").slice(0, MAX_CONTAINER_TEXT))) return true;
    }
    return false;
  }

  function selectorOf(el) {
    const parts = [];
    for (let node = el; node && parts.length < 5; node = node.parentElement) {
      if (node.id) {
        parts.unshift("#" + CSS.escape(node.id));
        break;
      }
      if (node === document.body) {
        parts.unshift("body");
        break;
      }
      const classes = [...node.classList].slice(0, 2).map((c) => "." + CSS.escape(c));
      let part = node.localName + classes.join("");
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === node.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
    }
    return parts.join(" > ");
  }

  function found(rank, manager, selector, el) {
    el.setAttribute(args.mark, "");
    const text = (el.localName === "input" ? el.value : el.innerText) ||
                 el.getAttribute("aria-label") || el.getAttribute("title") || "";
    return { rank, manager, selector, text: text.replace(/\s+/g, " ").trim().slice(0, 100) };
  }

  for (const manager of args.managers) {
    for (const selector of manager.selectors) {
      const el = queryAll(selector).find(visible);
      if (el) return found(0, manager.name, selector, el);
    }
  }

  const clickable = 'button, a, [role="button"], input[type="button"], input[type="submit"]';
  const candidates = queryAll(clickable)
    .filter((el) => (el.textContent || "").length <= MAX_LABEL_SOURCE)
    .map((el) => [el, label(el)]);
  for (const [rank, words] of [[1, args.allWords], [2, args.oneWords]]) {
    const wanted = new Set(words);
    for (const [el, text] of candidates) {
      if (wanted.has(text) && visible(el) && inConsentContainer(el)) {
        return found(rank, args.frameManager, selectorOf(el), el);
      }
    }
  }
  return null;
}
