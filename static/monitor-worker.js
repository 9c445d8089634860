// Starts the monitoring worker: wasm-bindgen's glue, then the Wasm module.
importScripts("monitor.js");
wasm_bindgen({ module_or_path: "monitor_bg.wasm" });
