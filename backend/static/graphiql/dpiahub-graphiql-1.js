// Starts GraphiQL against this server's /graphql. A bearer token pasted into the
// "Headers" tab is sent with every request; nothing is loaded from another origin.
(function () {
  var endpoint = document.querySelector('meta[name="graphql-endpoint"]');
  var fetcher = GraphiQL.createFetcher({
    url: endpoint ? endpoint.getAttribute("content") : "/graphql",
  });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultHeaders: '{ "Authorization": "Bearer <accessToken from login>" }',
    })
  );
})();
