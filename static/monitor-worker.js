// Starts the monitoring worker: wasm-bindgen's glue, then the Wasm module.
importScripts("monitor.js");
wasm_bindgen("monitor_bg.wasm");
