// Runs before any script of the page: remembers the elements that get a click-like listener,
// so the DOM gatherer can count them as tap targets. Behaviour is unchanged otherwise.
(() => {
  const marked = new WeakSet();
  const clicky = new Set(["click", "mousedown", "mouseup", "pointerdown", "pointerup",
                          "touchstart", "touchend"]);
  const original = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (clicky.has(type) && this instanceof Element) marked.add(this);
    return original.call(this, type, listener, options);
  };
  Object.defineProperty(window, "__readinessClickTargets", { value: marked });
})();
