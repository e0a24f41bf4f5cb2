/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The production server (express, logging, headers, graceful shutdown) is bundled together with the
  // app into build/index.js, so everything we run is TypeScript under app/ and compiled by one tool.
  server: "./app/server.ts",
  serverBuildPath: "build/index.js",
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
