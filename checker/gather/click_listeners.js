// Runs in the page's own world before any script of the page: remembers the elements that get a
// click-like listener, so the DOM gatherer can count them as tap targets. Behaviour is
// unchanged otherwise.
// The gatherer runs in a world of its own (device_page.IsolatedWorld), which shares the DOM
// but no JavaScript objects with this one; events are the channel: the gatherer dispatches
// `ask` at window, and each element remembered here, still in a document, gets a `reply`
// event the gatherer hears.
// Every built-in used after this script ends is captured now: the page may replace
// Reflect.apply, WeakSet or Event later, and must break neither its own listeners nor this.
(({ ask, reply }) => {
  const apply = Reflect.apply;
  const original = EventTarget.prototype.addEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const ElementType = Element;
  const EventType = Event;
  const WeakRefType = WeakRef;
  const deref = WeakRef.prototype.deref;
  const seen = new WeakSet();
  const seenHas = WeakSet.prototype.has;
  const seenAdd = WeakSet.prototype.add;
  // Objects without a prototype: no lookup in them reaches anything the page replaced.
  const clicky = { __proto__: null, click: 1, mousedown: 1, mouseup: 1, pointerdown: 1,
                   pointerup: 1, touchstart: 1, touchend: 1 };
  const remembered = { __proto__: null };  // index -> WeakRef to the element
  let count = 0;
  // Far past the gatherer's cap on tap targets; a page adding listeners forever stops here.
  const MAX = 20000;

  function remember(target, type) {
    if (typeof type !== "string" || clicky[type] !== 1 || count >= MAX) return;
    if (!(target instanceof ElementType) || apply(seenHas, seen, [target])) return;
    apply(seenAdd, seen, [target]);
    remembered[count++] = new WeakRefType(target);
  }

  EventTarget.prototype.addEventListener = function addEventListener(type, listener, options) {
    try {
      remember(this, type);
    } catch {
      // Never in the way of the page's own listener.
    }
    return apply(original, this, arguments);
  };

  apply(original, window, [ask, () => {
    for (let i = 0; i < count; i++) {
      const el = apply(deref, remembered[i], []);
      if (el !== undefined) apply(dispatch, el, [new EventType(reply)]);
    }
  }]);
})
