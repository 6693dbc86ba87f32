// Vite builds the UI into ui/dist, which `ordo server start` serves at `/`.
// `npm run dev -w ui` serves it with hot reload and proxies /api to a running server
// (ORDO_API_URL, default http://127.0.0.1:4200/api).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiUrl = new URL(process.env.ORDO_API_URL ?? "http://127.0.0.1:4200/api");

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      "/api": { target: apiUrl.origin, changeOrigin: true },
      "/docs": { target: apiUrl.origin, changeOrigin: true },
    },
  },
});
