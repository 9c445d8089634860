// Starts the DNS worker: wasm-bindgen's glue, then the Wasm module.
importScripts("dns.js");
wasm_bindgen("dns_bg.wasm");
