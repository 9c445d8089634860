// Starts the monitoring worker: wasm-bindgen's glue, then the Wasm module.
importScripts("monitor.js");
// A module that cannot load is thrown outside the promise, where the page
// hears it as the worker's error; a rejection alone would leave the page
// waiting on an import forever.
wasm_bindgen({ module_or_path: "monitor_bg.wasm" }).catch((why) => setTimeout(() => { throw why; }));
