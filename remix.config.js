/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The production server (express, logging, headers, graceful shutdown) is bundled together with the
  // app into build/server.js, so everything we run is TypeScript under app/. `npm run build` compiles
  // the small entry in front of it, app/main.ts, into build/index.js (docs/decisions/0034).
  server: "./app/server.ts",
  serverBuildPath: "build/server.js",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: the full route manifest is one cacheable file, and the server skips matching a partial manifest per request.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
