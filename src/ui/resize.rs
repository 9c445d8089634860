//! A resize observer tied to a Rust value: it calls back while the value
//! lives and disconnects when it is dropped.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// A resize observer and its callback, which it stops calling when dropped.
pub(crate) struct Observer {
    observer: web_sys::ResizeObserver,
    _changed: Closure<dyn Fn()>,
}

impl Observer {
    /// Calls `changed` now and each time `element`'s size changes.
    pub(crate) fn new(element: &Element, changed: Closure<dyn Fn()>) -> Option<Observer> {
        let observer = web_sys::ResizeObserver::new(changed.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(Observer {
            observer,
            _changed: changed,
        })
    }
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
