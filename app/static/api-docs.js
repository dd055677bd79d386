// The API docs page: Swagger UI over /api/v1/openapi.json, from files shipped with the app (no CDN).
(function () {
  var root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle !== "function") { return; }
  SwaggerUIBundle({ url: root.dataset.specUrl, domNode: root, deepLinking: true, tryItOutEnabled: false });
})();
