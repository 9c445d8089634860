// Starts the review worker: wasm-bindgen's glue, then the Wasm module.
importScripts("review.js");
wasm_bindgen("review_bg.wasm");
