// Starts the DMARC report worker: wasm-bindgen's glue, then the Wasm module.
importScripts("reports.js");
wasm_bindgen({ module_or_path: "reports_bg.wasm" });
