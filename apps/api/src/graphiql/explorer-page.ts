/**
 * The explorer's page and its start-up script. Everything it loads comes from this server (see
 * graphiql.controller.ts), and its Content-Security-Policy forbids anything else, so it works offline and
 * announces no visit to a third party.
 */
export const EXPLORER_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Cluster Munition Use Registry: GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/vendor/graphiql.css">
  <style>
    body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
    #token-form { display: flex; gap: 8px; align-items: center; padding: 6px 12px; font-size: 14px;
      border-bottom: 1px solid #ddd; }
    #token { flex: 1; max-width: 32em; font-family: monospace; }
    #graphiql { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <form id="token-form" autocomplete="off">
    <label for="token">API token</label>
    <input id="token" name="token" type="password" placeholder="paste your token (Bearer is added)" spellcheck="false">
    <button id="use-token" type="submit">Use token</button>
    <span id="token-state"></span>
  </form>
  <div id="graphiql">Loading…</div>
  <script src="/graphiql/vendor/react.js"></script>
  <script src="/graphiql/vendor/react-dom.js"></script>
  <script src="/graphiql/vendor/graphiql.js"></script>
  <script src="/graphiql/explorer.js"></script>
</body>
</html>
`;

/**
 * Renders GraphiQL with a fetcher that sends the token as `Authorization: Bearer …`. The token is kept in
 * sessionStorage (this tab only, gone when it closes); entering another one re-renders GraphiQL, which
 * loads the schema again with it.
 */
export const EXPLORER_JS = `(function () {
  'use strict';
  var KEY = 'cmur-graphiql-token';
  var input = document.getElementById('token');
  var state = document.getElementById('token-state');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  input.value = sessionStorage.getItem(KEY) || '';
  function render() {
    var token = input.value.trim();
    state.textContent = token ? 'token set' : 'no token: only public queries, if any, will answer';
    var fetcher = GraphiQL.createFetcher({
      url: location.origin + '/graphql',
      headers: token ? { authorization: 'Bearer ' + token } : {},
    });
    root.render(React.createElement(GraphiQL, {
      key: token,
      fetcher: fetcher,
      defaultQuery: '{\\n  incidents(first: 10) {\\n    totalCount\\n'
        + '    edges { node { id summary assessment { status readiness } } }\\n  }\\n}\\n',
      isHeadersEditorEnabled: false,
    }));
  }
  document.getElementById('token-form').addEventListener('submit', function (event) {
    event.preventDefault();
    sessionStorage.setItem(KEY, input.value.trim());
    render();
  });
  render();
})();
`;
