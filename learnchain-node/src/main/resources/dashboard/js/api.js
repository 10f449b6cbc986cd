// The dashboard's only way to the node: REST under /api/v1 (documented by /api/v1/openapi.json).

export const BASE = '/api/v1';

/** An API failure with the node's error code and message (ErrorBody), or a network failure. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
    this.title = status ? `${status} ${code}` : 'The node is unreachable';
  }
}

const TOKEN_KEY = 'learnchain-api-token';

/**
 * The node's API token, which requests that change the node carry: the link the node prints at start
 * has it as ?token=...; it is kept in this browser's storage for this node's address and taken out of
 * the address bar.
 */
function apiToken() {
  const params = new URLSearchParams(location.search);
  const fromLink = params.get('token');
  if (fromLink) {
    try { localStorage.setItem(TOKEN_KEY, fromLink); } catch (e) { /* storage off: the link's token serves this page */ }
    params.delete('token');
    const query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
    sessionToken = fromLink;
  }
  if (sessionToken) return sessionToken;
  try { return localStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
}
let sessionToken = null;
apiToken();

async function request(method, path, body, raw = false) {
  let response;
  const headers = body === undefined ? {Accept: 'application/json'}
    : {Accept: 'application/json', 'Content-Type': raw ? 'application/octet-stream' : 'application/json'};
  const token = method === 'GET' ? null : apiToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined || raw ? body : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'unreachable', `${method} ${BASE}${path} failed (${e.message}); is the node running?`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    throw new ApiError(response.status, 'bad_response', `the node answered ${method} ${path} with something that is not JSON`);
  }
  if (response.status === 401) {
    throw new ApiError(401, json?.error || 'unauthorized',
      'This page has no valid API token for this node (a node makes a new one at every start). '
      + 'Open the dashboard from the link the node printed ("Dashboard  http://...?token=..."), then try again.');
  }
  if (!response.ok) {
    throw new ApiError(response.status, json?.error || 'error', json?.message || response.statusText);
  }
  return json;
}

export const get = path => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});
/** POST of a file's bytes (application/octet-stream), e.g. an .onnx model to /models/import. */
export const postBytes = (path, bytes) => request('POST', path, bytes, true);

/** GET that answers null for a 404 (an endpoint or object this node does not have). */
export async function getOptional(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e.status === 404) return null;
    throw e;
  }
}

/** Lists may come bare or wrapped ({tasks: [...]}); this returns the array either way. */
export function listOf(json, key) {
  if (!json) return [];
  if (Array.isArray(json)) return json;
  return Array.isArray(json[key]) ? json[key] : [];
}

/** Accuracy as a fraction from the API's forms: basis points, a fraction or correct/count. */
export function accuracyOf(value, count) {
  if (value === null || value === undefined) return null;
  if (count) return value / count;
  if (value > 1) return value / 10000;
  return value;
}
