import { currentLanguage } from "../core/i18n.js";

// One entry of the API's `errors` list: `field` names the request field at
// fault (such as properties.sizeM) and `message` is in the requested language.
export interface FieldError {
  code: string;
  field?: string;
  message: string;
}

export type WriteResult =
  | { ok: true; feature: GeoJSON.Feature | null }
  | { ok: false; status: number; errors: FieldError[] };

interface ErrorBody {
  error?: FieldError;
  errors?: FieldError[];
}

// Sends a POST, PATCH or DELETE to /api/v1 with the bearer token. A network
// failure is returned as a status 0 error, so that the form can show it.
export async function writeAsset(token: string, method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<WriteResult> {
  let response: Response;
  try {
    response = await fetch(`api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "accept-language": currentLanguage(),
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    console.warn(`${method} ${path} failed`, error);
    return { ok: false, status: 0, errors: [{ code: "network_error", message: String(error) }] };
  }

  if (response.ok) {
    return { ok: true, feature: response.status === 204 ? null : ((await response.json()) as GeoJSON.Feature) };
  }
  return { ok: false, status: response.status, errors: await readErrors(response) };
}

async function readErrors(response: Response): Promise<FieldError[]> {
  try {
    const body = (await response.json()) as ErrorBody;
    if (body.errors && body.errors.length > 0) {
      return body.errors;
    }
    return body.error ? [body.error] : [{ code: "http_error", message: `HTTP ${response.status}` }];
  } catch {
    return [{ code: "http_error", message: `HTTP ${response.status}` }];
  }
}
