// Starts the engine worker: wasm-bindgen's glue, then the Wasm module.
importScripts("engine.js");
wasm_bindgen("engine_bg.wasm");
