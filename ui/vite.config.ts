/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// Tauri serves the built files; the dev server is fixed so tauri.conf.json can point at it.
export default defineConfig({
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  test: { environment: "jsdom", globals: true },
});
