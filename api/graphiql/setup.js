// Starts GraphiQL on this page; a file of its own, so that the page's CSP allows no inline script.
const params = new URLSearchParams(window.location.search);
const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
const example = '# The DII Knowledge Graph. Press the run button, or Ctrl-Enter.\n' +
  '{\n  force(id: "kent") {\n    name\n    region\n    capabilities(stage: EVIDENCE) {\n' +
  '      capability { name }\n      maturity\n      target\n      gap\n    }\n  }\n}\n';
const root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: example,
    query: params.get('query') || undefined,
    defaultEditorToolsVisibility: true,
  }),
);
