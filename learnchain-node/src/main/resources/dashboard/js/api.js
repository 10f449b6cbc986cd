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

async function request(method, path, body) {
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers: body === undefined ? {Accept: 'application/json'}
        : {Accept: 'application/json', 'Content-Type': 'application/json'},
      body: body === undefined ? undefined : JSON.stringify(body),
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
  if (!response.ok) {
    throw new ApiError(response.status, json?.error || 'error', json?.message || response.statusText);
  }
  return json;
}

export const get = path => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});

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
