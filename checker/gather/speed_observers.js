// Runs before any script of the page, in our own world (device_page.IsolatedWorld): records
// paints, the largest contentful paint (with its element, described while it still exists),
// layout shifts (with the elements that moved) and long tasks, for the speed pass. In that
// world the page can neither replace what this uses (PerformanceObserver, CSS.escape...) nor
// see or touch what it records.
(() => {
  const seen = { paints: {}, lcp: null, shifts: [], longTasks: [] };
  Object.defineProperty(window, "__readinessSpeed", { value: seen });
  function describe(el) {
    if (!el || el.nodeType !== 1) return null;
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 5; node = node.parentElement) {
      if (node.id) { parts.unshift("#" + CSS.escape(node.id)); break; }
      let part = node.localName;
      if (node === document.body || node === document.documentElement) { parts.unshift(part); break; }
      part += [...node.classList].slice(0, 2).map((c) => "." + CSS.escape(c)).join("");
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === node.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
    }
    const r = el.getBoundingClientRect();
    const attrs = [...el.attributes].map((a) => `${a.name}="${a.value.slice(0, 80)}"`).join(" ");
    return {
      selector: parts.join(" > "),
      box: { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height },
      snippet: `<${el.localName}${attrs ? " " + attrs : ""}>`.slice(0, 200),
    };
  }
  function observe(type, callback) {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(callback))
        .observe({ type, buffered: true });
    } catch (e) { /* an entry type this browser lacks */ }
  }
  observe("paint", (e) => { seen.paints[e.name] = e.startTime; });
  observe("largest-contentful-paint", (e) => {
    seen.lcp = { time: e.renderTime || e.loadTime || e.startTime, element: describe(e.element) };
  });
  observe("layout-shift", (e) => {
    seen.shifts.push({
      time: e.startTime, value: e.value, recent: e.hadRecentInput,
      sources: (e.sources || []).map((s) => describe(s.node)).filter(Boolean),
    });
  });
  observe("longtask", (e) => { seen.longTasks.push({ start: e.startTime, duration: e.duration }); });
})();
