/* Swagger UI for /openapi.json, from local files only (the page's policy allows no inline script). */
(function () {
  "use strict";
  if (typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
  });
})();
